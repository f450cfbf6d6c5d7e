// One place for the app's colours and typography: the map style, deck.gl overlays and CSS read from here.
export const fonts = {
  /** HTML and Latin map labels: shipped woff2 (@fontsource/noto-sans). */
  latin: 'Noto Sans',
  /** CJK text: shipped web font (@fontsource/noto-sans-sc, unicode-range slices load on demand). */
  cjk: 'Noto Sans SC',
  stack: "'Noto Sans', 'Noto Sans SC', 'Noto Sans CJK SC', sans-serif",
} as const;

export const colors = {
  // basemap
  water: '#dfe8ef',
  land: '#eef0ea',
  sichuan: '#fbfaf5',
  chongqing: '#f3f1ea',
  countyLine: '#cfc8b8',
  prefectureLine: '#9b907c',
  provinceLine: '#5e5547',
  provinceHalo: '#ffffff',
  river: '#86b4d9',
  riverLabel: '#2f6a9a',
  label: '#2b2823',
  labelMuted: '#5d574d',
  labelHalo: '#ffffff',
  // interface
  ink: '#1f2328',
  inkMuted: '#555d66',
  panel: '#ffffff',
  panelBorder: '#d7dbe0',
  accent: '#b8322a', // 中国红, used sparingly
  focus: '#1a5fb4',
} as const;

export const type = {
  prefectureLabel: 15,
  countyLabel: 12,
  riverLabel: 11.5,
} as const;
