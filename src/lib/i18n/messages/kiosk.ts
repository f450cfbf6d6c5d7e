// Interface text of the unattended kiosk (exhibition hall): the visitor's card, the staff keypad, counts.
import type { Messages } from '../catalog.ts';

export const kiosk = {
  cardLabel: { zh: '要素信息', en: 'About this element' },
  close: { zh: '关闭', en: 'Close' },
  schematicNote: { zh: '示意位置：按规划文字绘制，并非精确位置。', en: 'Schematic: drawn from the plan’s wording, not an exact position.' },
  planSays: { zh: '规划原文', en: 'The plan says' },
  stackedTitle: { zh: '此处有 {n} 个要素', en: '{n|# element|# elements} here' },
  keypadTitle: { zh: '工作人员：输入退出码', en: 'Staff: enter the exit code' },
  wrongCode: { zh: '退出码不正确', en: 'Wrong code' },
  backspace: { zh: '删除一位', en: 'Delete a digit' },
  exitKiosk: { zh: '退出', en: 'Exit' },
  cancel: { zh: '取消', en: 'Cancel' },
  statsOpen: { zh: '访客统计', en: 'Visitor counts' },
  statsTitle: { zh: '本机访客统计', en: 'Visitor counts on this device' },
  statsNote: {
    zh: '匿名计数，仅存于本机：按日统计访客次数、访客浏览的场景和打开的要素，不记录时间、位置或身份；保留 400 天。',
    en: 'Anonymous counts kept on this device only: visitor sessions, the scenes visitors went to and the elements they opened, per day — no times, positions or identities; kept for 400 days.',
  },
  statsEmpty: { zh: '尚无访客记录。', en: 'No visitors counted yet.' },
  statsRange: { zh: '{first} 至 {last}，共 {days} 天', en: '{first} to {last}, {days|# day|# days}' },
  statsVisits: { zh: '访客 {n} 次', en: '{n|# visitor session|# visitor sessions}' },
  statsScenes: { zh: '访客浏览最多的场景', en: 'Scenes visitors went to most' },
  statsCards: { zh: '访客打开最多的要素', en: 'Elements visitors opened most' },
  statsExport: { zh: '导出 CSV', en: 'Export CSV' },
  statsClear: { zh: '清零', en: 'Reset' },
  statsClearConfirm: { zh: '确认清零？', en: 'Reset — sure?' },
  statsClose: { zh: '关闭', en: 'Close' },
  closedTitle: { zh: '展项休息中', en: 'Closed' },
  closedHours: { zh: '开放时间 {hours}', en: 'Open {hours}' },
  closedNext: { zh: '{time} 开放', en: 'Opens at {time}' },
  recovering: { zh: '显示出错，正在重新启动…', en: 'Display error — restarting…' },
} as const satisfies Messages;
