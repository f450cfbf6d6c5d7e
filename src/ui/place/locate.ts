// Locate me: one position from the Geolocation API (WGS84) opens the place page there.
import { placeFromPosition } from '../../lib/place/target.ts';
import { setLocateError, setLocating, showPlace } from '../../state/place.svelte.ts';

export function locateMe(): void {
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
    setLocateError('unsupported');
    return;
  }
  setLocating(true);
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      setLocating(false);
      showPlace(placeFromPosition(pos.coords.longitude, pos.coords.latitude, pos.coords.accuracy));
    },
    (err) => setLocateError(err.code === err.PERMISSION_DENIED ? 'denied' : err.code === err.TIMEOUT ? 'timeout' : 'unavailable'),
    { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
  );
}
