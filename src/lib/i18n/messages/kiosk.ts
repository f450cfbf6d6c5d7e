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
  recovering: { zh: '显示出错，正在重新启动…', en: 'Display error — restarting…' },
} as const satisfies Messages;
