// The story model: a presentation told scene by scene over the live map. Pure types and constants;
// validation lives in ./validate.ts, player navigation in ./navigation.ts and ./kiosk.ts.
import type { Kind, LocalizedText, Region } from '../plan/model.ts';

/**
 * Bump when the shape of Story changes; ./validate.ts migrates older files.
 * v2: scenes may be compare scenes (`compare`, two years side by side or under a swipe) or growth scenes
 * (`growth`, the year counted from A to B while the scene shows).
 * v3: scenes may carry `media` (images and a narration audio, ./media.ts); a story may name its `publicUrl`
 * (the base of the scenes' QR codes).
 */
export const STORY_DATA_VERSION = 3;

export const STORY_SEEDS = ['000', '001', '002', '003', '004'] as const;
export type StorySeed = (typeof STORY_SEEDS)[number];

/** A live map state: the player flies here (MapLibre centre/zoom/bearing/pitch). */
export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
  bearing: number;
  pitch: number;
}

export interface BasemapLayers {
  boundaries: boolean;
  rivers: boolean;
  labels: boolean;
}

/** What the map shows in a scene: plan regions, optionally only some kinds, and basemap layers. */
export interface SceneLayers {
  regions: Region[];
  /** omitted = every kind */
  kinds?: Kind[];
  /** omitted = the app's defaults */
  basemap?: BasemapLayers;
}

/** Analysis drawn on top of the map, computed live by src/lib/analysis from the elements. */
export type Overlay =
  | { type: 'distance'; from: string; to: string; label?: LocalizedText }
  | { type: 'jurisdictionShares'; element: string; level?: 'county' | 'prefecture' }
  | { type: 'overlap'; a: string; b: string };
export const OVERLAY_TYPES = ['distance', 'jurisdictionShares', 'overlap'] as const;

/** A verbatim quote from a seed document (data/sources/seeds/<seed>_*.txt). */
export interface SeedCitation {
  seed: StorySeed;
  /** human-readable place in the document, e.g. "§一(三) 任务10" */
  section: string;
  quote: string;
}

/**
 * A compare scene: the map shows year `a` and a second, synced map year `b` (the compare view of
 * src/ui/compare with src/lib/compare/spec.ts's `year:a,b`), under a swipe divider at `position` (share of the
 * width showing `a`) or side by side. The scene's regions and kinds apply to both sides.
 */
export interface SceneCompare {
  by: 'year';
  a: number;
  b: number;
  /** omitted = swipe */
  mode?: 'swipe' | 'sideBySide';
  /** swipe divider, 0.1–0.9; omitted = 0.5 */
  position?: number;
}
export const COMPARE_BY = ['year'] as const;

/**
 * A growth scene: the time slider's year runs from `from` to `to` while the scene shows (one step per year
 * over `seconds`, default ⅔ of the scene's time), then stays at `to`. With prefers-reduced-motion the map
 * shows `from`, then jumps to `to` once (src/lib/story/growth.ts).
 */
export interface SceneGrowth {
  from: number;
  to: number;
  seconds?: number;
}

/** Who made a media file and under which licence (shown small beside it). */
export interface MediaCredit {
  credit: LocalizedText;
  /** an SPDX id (`CC0-1.0`, `CC-BY-4.0`) or the rights holder's words */
  licence: string;
}

/**
 * A picture beside the map (a rendering, a photo, a diagram). `src` is a shipped file `<story>/<file>` under
 * data/stories/media/ or, in an imported story, a `data:image/…;base64,` URL (./media.ts: types and caps).
 */
export interface SceneImage extends MediaCredit {
  src: string;
  /** what the picture shows, for screen readers and when it cannot load */
  alt: LocalizedText;
}

/** Narration read over the scene (kiosk and presenter modes); the caption is its subtitle. */
export interface SceneNarration extends MediaCredit {
  /** `<story>/<file>.ogg|mp3|m4a` or a `data:audio/…;base64,` URL */
  src: string;
  /** the language spoken; omitted = plays in both (music, a tone). Another UI language plays no narration. */
  lang?: 'zh' | 'en';
}

/** v3: a scene's media. */
export interface SceneMedia {
  images?: SceneImage[];
  narration?: SceneNarration;
}

export interface Scene {
  /** kebab-case, unique within the story; used in URLs (#story=<id>&scene=<id>) */
  id: string;
  title: LocalizedText;
  /** shown on screen and read aloud: short, concrete, figures with their year */
  caption: LocalizedText;
  /** speaker notes: the figures, where they come from, what is schematic */
  notes: LocalizedText;
  /**
   * Where the map goes. With `fit` too, the player frames those elements for its own viewport and keeps
   * camera.bearing/pitch; camera centre/zoom are then the reference framing (scripts/story/frame-stories.ts).
   */
  camera?: Camera;
  fit?: string[];
  layers: SceneLayers;
  /** plan state shown as of this year (status/target filtering), when the scene is about a date */
  year?: number;
  /** v2: two years compared (no `year`, `growth` or overlays with it) */
  compare?: SceneCompare;
  /** v2: the year animated from A to B (no `year` or `compare` with it) */
  growth?: SceneGrowth;
  highlight: string[];
  overlays: Overlay[];
  /**
   * Scene legend lines shown beside the map: one line per number the overlays draw that the caption does not
   * explain (what was measured, from where to where, why it differs from the plan's figure, schematic or not).
   */
  legend?: LocalizedText[];
  /** autoplay / kiosk time on this scene (the kiosk stays at least as long as the narration) */
  durationSec: number;
  sources: SeedCitation[];
  /** v3: images and narration */
  media?: SceneMedia;
}

export interface Story {
  version: typeof STORY_DATA_VERSION;
  /** kebab-case; equals the file name under data/stories/ */
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  region: Region;
  /**
   * v3: the app's public address (e.g. `https://atlas.example.org/`): each scene's QR code opens that scene there
   * on a visitor's phone. A kiosk link's `share=` overrides it (docs/hall.md).
   */
  publicUrl?: string;
  scenes: Scene[];
}

// Limits the validator enforces (captions are read aloud, so they stay short).
export const LIMITS = {
  titleZh: 24,
  titleEn: 70,
  captionZh: 90,
  captionEn: 320,
  legendZh: 70,
  legendEn: 200,
  legendLines: 4,
  quote: 200,
  durationMin: 5,
  durationMax: 120,
  zoomMin: 3,
  zoomMax: 18,
  pitchMax: 85,
  yearMin: 1900,
  yearMax: 2100,
  /** a growth's run, seconds */
  growthMin: 2,
  /** study area, lon/lat: catches swapped or projected values */
  bbox: { west: 97, south: 26, east: 111, north: 35 },
} as const;
