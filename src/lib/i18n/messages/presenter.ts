// Interface text of the presenter view (second window) beyond the player's own words (story.*).
import type { Messages } from '../catalog.ts';

export const presenter = {
  remaining: { zh: '剩余时间', en: 'Time left' },
  target: { zh: '目标时长（分钟）', en: 'Target (min)' },
  queued: { zh: '已记下 {n} 次操作，主窗口就绪后执行', en: '{n|# click|# clicks} queued for the main window' },
  allScenes: { zh: '全部场景', en: 'All scenes' },
} as const satisfies Messages;
