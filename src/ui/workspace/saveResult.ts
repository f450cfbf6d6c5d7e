// "Save as layer" for analysis results: the rows a table shows become a user layer stating how it
// was made (one undo entry). Thin: the layer is built by src/lib/analysis/layers.ts.
import type { Geometry } from 'geojson';
import { app } from '../../state/app.svelte.ts';
import { addAnalysisLayer, nextLayerStyleIndex } from '../../state/workspace.svelte.ts';
import { t, type Lang, type MessageKey, type Vars } from '../../lib/i18n/catalog.ts';
import { analysisLayer, bothTexts } from '../../lib/analysis/layers.ts';
import { leastAccurate } from '../../lib/analysis/accuracy.ts';
import { randomId, type AnalysisOp, type JsonValue } from '../../lib/workspace/model.ts';

export function saveResultLayer(
  op: AnalysisOp,
  vars: (lang: Lang) => Vars,
  accuracies: ReadonlyArray<string | null | undefined>,
  features: Array<{ geometry: Geometry | null; properties: Record<string, JsonValue> }>,
): boolean {
  const kept = features.filter((f): f is { geometry: Geometry; properties: Record<string, JsonValue> } => !!f.geometry);
  if (!kept.length) return false;
  const accuracy = leastAccurate(...accuracies);
  const withAcc = (lang: Lang) => ({ ...vars(lang), acc: t(`table.acc.${accuracy}`, lang) });
  return addAnalysisLayer(
    analysisLayer({
      id: randomId('layer'),
      op,
      name: bothTexts(`ops.layer.${op}` as MessageKey, withAcc)[app.lang],
      provenance: bothTexts(`ops.prov.${op}` as MessageKey, withAcc),
      accuracy,
      features: kept,
      styleIndex: nextLayerStyleIndex(),
      makeId: randomId,
    }),
  );
}
