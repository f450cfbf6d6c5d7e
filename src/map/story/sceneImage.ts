// A story scene as an image file: the workspace's map export with the scene's texts, legend, overlay
// labels and shares card.
import type { MapView } from '../mapView.ts';
import type { Scene, Story } from '../../lib/story/model.ts';
import { legendEntries } from '../../lib/plan/describe.ts';
import { t, intlLocale, sentenceGap, type Lang } from '../../lib/i18n/catalog.ts';
import { sceneOverlayLabels, type SharesCard } from './overlays.ts';
import { sceneSourcesText } from '../../lib/story/citations.ts';
import { openCompareSide } from '../compareSides.ts';
import { compareState, sideWorkspace } from '../../state/compare.svelte.ts';
import type { CompareImage } from '../exportImage.ts';
import type { Workspace } from '../../lib/workspace/model.ts';


export const SCENE_IMAGE_SIZES = [
  [1920, 1080],
  [3840, 2160],
] as const;

/**
 * A PNG of the scene on screen (the workspace's map export): the map with the scene's filters, highlights
 * and overlays (all in the map style), its overlay labels and shares card, the story and scene titles,
 * caption, sources, the legend of the plan symbols drawn and the accuracy disclaimer.
 */
export async function exportSceneImage(
  v: MapView | null,
  st: Story,
  scene: Scene,
  opts: { width: number; height: number; lang: Lang; shares?: SharesCard | null },
): Promise<{ width: number; height: number }> {
  if (!v) throw new Error('no map');
  const [{ downloadMapImage }, { wsUi }] = await Promise.all([import('../exportImage.ts'), import('../../state/workspace.svelte.ts')]);
  const L = opts.lang;
  const compare = sceneCompare(v, scene, wsUi.workspace, L);
  // the legend names what either side draws
  const drawn = [...v.renderedPlan(), ...(compare?.view.renderedPlan() ?? [])];
  const fmtN = (x: number, d = 0) => x.toLocaleString(intlLocale(L), { maximumFractionDigits: d });
  const sh = opts.shares;
  const image = {
    width: opts.width,
    height: opts.height,
    title: scene.title[L],
    lang: L,
    scene: {
      story: st.title[L],
      // the legend lines name the numbers drawn on the map (the validator's rule), so the image carries them too
      caption: [scene.caption[L], ...(scene.legend ?? []).map((l) => l[L])].join(sentenceGap(L)),
      sources: sceneSourcesText(scene, L), // the documents' real titles, no internal seed numbers
      badge: scene.year === undefined ? undefined : t('story.yearBadge', L, { year: scene.year }),
    },
    planLegend: legendEntries(drawn.map((d) => ({ ...d.props, geometry: d.geometry }))),
    labels: sceneOverlayLabels().map((l) => ({ at: l.at, main: l.main, sub: l.sub })),
    card: sh
      ? {
          title: t(sh.level === 'prefecture' ? 'story.sharesTitlePrefecture' : 'story.sharesTitle', L, { name: sh.element[L] }),
          sub: sh.totalText[L],
          rows: sh.rows.map((r) => ({ label: r[L], value: `${fmtN(r.percent)}%`, percent: r.percent })),
          note: sh.outsidePercent >= 1 ? t('story.sharesOutside', L, { pct: fmtN(sh.outsidePercent) }) : undefined,
        }
      : undefined,
    compare,
  };
  return downloadMapImage(v, wsUi.workspace, image, `${st.id}-${scene.id}-${opts.width}x${opts.height}.png`);
}

/** A compare scene's second side as the screen shows it now (the divider where it stands), or undefined. */
function sceneCompare(v: MapView, scene: Scene, ws: Workspace, L: Lang): CompareImage | undefined {
  const side = openCompareSide();
  const c = scene.compare;
  if (!c || !side || !compareState.spec) return undefined;
  const at = v.getView();
  const name = (y: number) => t('compare.yearLabel', L, { y });
  return {
    view: side.view,
    ws: sideWorkspace(ws, 'b'),
    extras: side.exportLayers({ zoom: at.zoom, lat: at.lat }),
    mode: compareState.mode,
    position: compareState.position,
    labels: [t('compare.sideA', L, { label: name(c.a) }), t('compare.sideB', L, { label: name(c.b) })],
  };
}
