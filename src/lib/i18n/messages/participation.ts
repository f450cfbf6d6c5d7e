// Text for residents' suggestions (shown only when the participation server answers /api/health).
import type { Messages } from '../catalog.ts';

export const participation = {
  open: { zh: '留言/建议', en: 'Comment / suggest' },
  heading: { zh: '对此要素留言或提建议', en: 'Comment on this element' },
  category: { zh: '类别', en: 'Category' },
  'category.support': { zh: '支持', en: 'Support' },
  'category.concern': { zh: '担忧', en: 'Concern' },
  'category.question': { zh: '疑问', en: 'Question' },
  'category.idea': { zh: '建议', en: 'Idea' },
  text: { zh: '内容（最多 2000 字）', en: 'Your text (up to 2000 characters)' },
  contact: { zh: '联系方式（可选，不会公开）', en: 'Contact (optional, never shown publicly)' },
  submit: { zh: '提交', en: 'Send' },
  cancel: { zh: '取消', en: 'Cancel' },
  sending: { zh: '正在提交…', en: 'Sending…' },
  received: { zh: '已收到，审核后公开。回执码：{receipt}', en: 'Received; it is published after moderation. Receipt code: {receipt}' },
  keep: { zh: '请保存回执码以查询处理状态和回复。', en: 'Keep the code to follow its status and any reply.' },
  failed: { zh: '提交失败：{reason}', en: 'Could not send: {reason}' },
  empty: { zh: '请填写内容', en: 'Please write something' },
} as const satisfies Messages;
