import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// The rune objects of src/state: written only inside their modules.
const STATE_NAMES = '/^(app|selection|explore|basemapState|legend|insight|plan|story|kioskBox|wsUi|analysis|overlay)$/';
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
  // One way to change state: src/ui and src/map call the named actions of src/state (docs/state.md).
  {
    files: ['src/ui/**/*.{ts,svelte}', 'src/map/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...stateWrites()],
    },
  },
);
