// Story wiring on the map: the player applies scenes (story/scene.ts) with their overlays
// (story/overlays.ts) and exports scene images (story/sceneImage.ts); the app's map comes back on close.
import { HOME_BOUNDS, type MapView } from './mapView.ts';
import { setSceneRestorer } from '../state/story.svelte.ts';
import { clearScene } from './story/scene.ts';

export { applyScene, clearScene } from './story/scene.ts';
export { exportSceneImage, SCENE_IMAGE_SIZES } from './story/sceneImage.ts';
export type { SharesCard } from './story/overlays.ts';

export function attachStory(mapView: MapView): void {
  window.__atlasStory = { applied: null };
  setSceneRestorer(
    () => clearScene(mapView),
    () => {
      // the home frame, north up and flat (scenes may tilt the map)
      const cam = mapView.cameraForBounds((HOME_BOUNDS as [[number, number], [number, number]]).flat() as [number, number, number, number]);
      if (cam) void mapView.moveTo({ ...cam, bearing: 0, pitch: 0 }, { animate: false });
      else mapView.home(false);
    },
  );
}
