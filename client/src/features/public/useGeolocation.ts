import { useCallback, useEffect, useRef, useState } from 'react';
import type { Origin } from './origin';

export type GeoFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported' | 'insecure';
export type GeoState = { status: 'idle' } | { status: 'locating' } | { status: 'failed'; reason: GeoFailure };

/** Long enough for a phone to get a first fix indoors; short enough not to leave people waiting. */
const TIMEOUT_MS = 12_000;

/** "使用我的位置": asks the browser once per press, and says why when it cannot. */
export function useGeolocation(onLocated: (origin: Origin) => void) {
  const [state, setState] = useState<GeoState>({ status: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const request = useCallback(() => {
    if (!window.isSecureContext) {
      setState({ status: 'failed', reason: 'insecure' });
      return;
    }
    if (!('geolocation' in navigator)) {
      setState({ status: 'failed', reason: 'unsupported' });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        if (!mounted.current) return;
        setState({ status: 'idle' });
        onLocated({
          lng: position.coords.longitude,
          lat: position.coords.latitude,
          source: 'gps',
          accuracy: Number.isFinite(position.coords.accuracy) ? position.coords.accuracy : undefined,
        });
      },
      (error) => {
        if (!mounted.current) return;
        const reason: GeoFailure =
          error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable';
        setState({ status: 'failed', reason });
      },
      { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: 60_000 },
    );
  }, [onLocated]);

  return { state, request };
}
