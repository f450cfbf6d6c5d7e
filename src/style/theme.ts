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

/** Plan elements: colour by kind; corridors by mode. Chosen to stay apart on the warm basemap. */
export const planColors = {
  kind: {
    urbanCluster: '#d0743c',
    industrialBelt: '#8e44ad',
    pilotZone: '#c0392b',
    corridor: '#2c7fb8',
    hub: '#1b4f72',
    park: '#b7950b',
    eco: '#2e8b57',
    town: '#6d4c41',
  },
  mode: {
    highSpeedRail: '#1f4e9c',
    rail: '#34495e',
    suburbanRail: '#2e86c1',
    metro: '#17a589',
    expressway: '#c0392b',
    arterial: '#e67e22',
    axis: '#7d3c98',
    innovation: '#d35400',
    river: '#2874a6',
  },
  fallback: '#555555',
  selection: '#111111',
  /** a story scene's highlighted elements: magenta, a hue no kind or mode uses (expressways and pilots are red) */
  highlight: '#d4007a',
} as const;
