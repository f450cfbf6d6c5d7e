// Saving the workspace in this browser (IndexedDB): what went wrong and what the user can do.
import type { Messages } from '../catalog.ts';

export const storage = {
  quota: {
    zh: '存储空间已满：最近的修改未保存。请先将工作导出为文件，再删除较大的图层以释放空间。',
    en: 'Storage full: your latest changes are not saved. Export your work to a file, then free space by removing large layers.',
  },
  unavailable: {
    zh: '当前浏览器模式无法保存（隐私浏览或已禁用存储）；请导出工作以免丢失。',
    en: 'Cannot save in this browser mode (private browsing or storage turned off); export your work to keep it.',
  },
  blocked: {
    zh: '另一个标签页打开了旧版图集；请关闭它，以便保存您的工作。',
    en: 'Another tab with an older version of the atlas is open; close it so your work can be saved.',
  },
  'newer-version': {
    zh: '已保存的工作由更新版本的图集写入；请更新应用后再打开。未做任何更改。',
    en: 'Your saved work was written by a newer version of the atlas; update the app to open it. Nothing was changed.',
  },
  corrupt: {
    zh: '已保存的工作区已损坏，无法恢复；已另行保留。请打开导出的文件或重新开始。',
    en: 'The saved workspace is damaged and could not be restored; it has been kept aside. Open an exported file or start again.',
  },
  conflict: {
    zh: '工作区已在另一个标签页或窗口中更改。请导出当前工作以保留，或重新加载查看另一份。',
    en: 'The workspace was changed in another tab or window. Export this one to keep it, or reload to see the other.',
  },
  unknown: { zh: '保存失败；请导出工作以免丢失。', en: 'Saving failed; export your work to keep it.' },
  restored: {
    zh: '最近一次保存已损坏；已恢复上一次保存（{savedAt}）。此后的修改可能缺失。',
    en: 'The last save was damaged; the previous one (saved {savedAt}) was restored. Changes made after it may be missing.',
  },
} satisfies Messages;
