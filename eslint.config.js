import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// The rune objects of src/state: written only inside their modules.
const STATE_NAMES = '/^(app|selection|explore|basemapState|legend|insight|plan|story|kioskBox|wsUi|analysis|overlay|compareState|printState)$/';
/** Selectors for `state.x = …`, `state.x.y++`, `state.list.push(…)` (up to three levels deep). */
function stateWrites() {
  const message = 'Shared state changes only through an action in src/state (docs/state.md).';
  const roots = (path) => [1, 2, 3].map((depth) => `[${path}${'.object'.repeat(depth)}.name=${STATE_NAMES}]`);
  return [
    ...roots('left').map((r) => `AssignmentExpression${r}`),
    ...roots('argument').map((r) => `UpdateExpression${r}`),
    ...roots('callee.object')
      .slice(0, 2)
      .map((r) => `CallExpression[callee.property.name=/^(push|pop|splice|shift|unshift|sort|reverse|fill|set|delete|clear|add)$/]${r}`),
    `CallExpression[callee.property.name=/^(push|pop|splice|shift|unshift|sort|reverse|fill)$/][callee.object.name=${STATE_NAMES}]`,
  ].map((selector) => ({ selector, message }));
}

const LANG_TERNARY = {
  selector: "ConditionalExpression > BinaryExpression.test[operator=/^[!=]==?$/]:matches([left.name='lang'], [left.property.name='lang'])[right.value=/^(zh|en)$/]",
  message: 'Text in either language comes from the catalog (t, localName, intlLocale, htmlLang), not a lang ternary (issue 10).',
};

// Layers (docs/layout.md): what each folder may import. Relative paths are matched by the folder they climb to
// (src/lib has no sub-folder named like a layer, so `../map/…` from src/lib always means src/map).
const climbsTo = (...dirs) => `^(\\.\\./)+(${dirs.join('|')})(/|$)`;
const LAYER_IMPORTS = {
  'src/lib/**/*.ts': {
    message: 'src/lib is pure TypeScript: no UI, map, state, style, Svelte, MapLibre, deck.gl or DOM-bound modules (docs/layout.md).',
    paths: ['svelte', 'maplibre-gl', 'terra-draw', 'terra-draw-maplibre-gl-adapter'],
    patterns: [{ regex: climbsTo('ui', 'map', 'state', 'style', 'browser', 'pwa', 'workers', 'config') }, { regex: '(^svelte/|^@deck\\.gl/|^maplibre-gl/|\\.svelte(\\.ts)?$)' }],
  },
  'src/map/**/*.ts': { message: 'src/map never imports src/ui (docs/layout.md).', paths: [], patterns: [{ regex: climbsTo('ui') }] },
  'src/state/**/*.ts': { message: 'src/state never imports src/ui or src/map (docs/layout.md).', paths: [], patterns: [{ regex: climbsTo('ui', 'map') }] },
};
function layerRules() {
  return Object.entries(LAYER_IMPORTS).map(([files, { message, paths, patterns }]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message })), patterns: patterns.map((p) => ({ ...p, message })) }],
    },
  }));
}
/** DOM globals src/lib must not touch (feature-detect through globalThis where a browser API is optional). */
const DOM_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage'].map((name) => ({
  name,
  message: 'src/lib has no DOM: pass what is needed in, or keep this in src/state, src/map or src/ui (docs/layout.md).',
}));

export default ts.config(
  { ignores: ['.tmp*/', 'tmp-*', 'dist/', 'dist-*/', 'node_modules/', 'test-output/', 'public/', '.cache/', 'data/build/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
  },
  // One text catalog (issue 10): no `lang === 'zh' ? … : …` anywhere in src (the catalog's t, localName and
  // intlLocale decide). One way to change state: src/ui and src/map call the named actions of src/state
  // (docs/state.md). Both in one rule: a later config's no-restricted-syntax would replace an earlier one.
  { files: ['src/**/*.{ts,svelte}'], rules: { 'no-restricted-syntax': ['error', LANG_TERNARY] } },
  {
    files: ['src/ui/**/*.{ts,svelte}', 'src/map/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', LANG_TERNARY, ...stateWrites()],
    },
  },
  // Layers: src/lib pure, src/map without src/ui, src/state without src/ui and src/map.
  ...layerRules(),
  { files: ['src/lib/**/*.ts'], rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS] } },
  // MapView is the only code that touches the MapLibre map (docs/layout.md): maplibre-gl and the map-bound
  // adapters are imported only by src/map/mapView*.ts (style-spec types are data, so type imports pass).
  // Reach-ins are refused by the compiler: MapView's `map` is private. A separate rule name, so the layer
  // rules' no-restricted-imports above stays in force for the same files.
  {
    files: ['src/**/*.{ts,svelte}'],
    ignores: ['src/map/mapView*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['maplibre-gl', 'terra-draw-maplibre-gl-adapter', '@deck.gl/maplibre'].map((name) => ({
            name,
            allowTypeImports: true,
            message: 'Only src/map/mapView*.ts touches MapLibre: add a MapView method (docs/layout.md).',
          })),
          patterns: [{ group: ['maplibre-gl/*'], message: 'Only src/map/mapView*.ts touches MapLibre (docs/layout.md).' }],
        },
      ],
    },
  },
);
