// The list view (every shown element as an accessible list) in place of the layer panel. The hash
// carries it as `display=list` (`view` is taken: the hash's map view). The indicators panel is
// app.panel === 'indicators' and needs no state of its own.
import { registerHashKey } from './url.svelte.ts';

export const insight = $state<{ view: 'list' | null }>({ view: null });

registerHashKey(
  'display',
  () => (insight.view === 'list' ? 'list' : undefined),
  (v) => (insight.view = v === 'list' ? 'list' : null),
);

export function setListView(on: boolean): void {
  insight.view = on ? 'list' : null;
}
