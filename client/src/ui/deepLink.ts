// What a link keeps of the page, in its query string, so a leader can send "this view of 崇安寺街道
// with the heatmap" and the colleague opens the same: the map view (`at`), the selected station
// (`station`), the finder's place (`from`), the planner's community and grid, and the coverage
// page's region, layer, indicator and radius. Each workspace reads its own keys once when it
// opens and writes them as they change (replaceState: the back button is not filled with views).
// Data behind a link is still asked of the server, which answers only within the viewer's scope.

export type LinkKey = 'at' | 'station' | 'from' | 'community' | 'grid' | 'region' | 'layer' | 'metric' | 'radius';

export function linkParam(key: LinkKey): string | null {
  return new URLSearchParams(window.location.search).get(key);
}

/** Sets (or, with null, removes) keys of the current address without a new history entry. */
export function setLinkParams(patch: Partial<Record<LinkKey, string | null>>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  const next = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, '', next);
}

export interface LinkedView {
  center: [number, number];
  zoom: number;
}

/** `120.300000,31.575000,12.50` → the view; null for anything else. */
export function parseView(text: string | null): LinkedView | null {
  const numbers = (text ?? '').split(',').map(Number);
  if (numbers.length !== 3 || numbers.some((n) => !Number.isFinite(n))) return null;
  const [lng, lat, zoom] = numbers as [number, number, number];
  if (Math.abs(lng) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 24) return null;
  return { center: [lng, lat], zoom };
}

export function formatView({ center: [lng, lat], zoom }: LinkedView): string {
  return `${lng.toFixed(6)},${lat.toFixed(6)},${zoom.toFixed(2)}`;
}

/** `120.3,31.5` → [lng, lat]; null for anything else. */
export function parsePoint(text: string | null): [number, number] | null {
  const numbers = (text ?? '').split(',').map(Number);
  if (numbers.length !== 2 || numbers.some((n) => !Number.isFinite(n))) return null;
  const [lng, lat] = numbers as [number, number];
  return Math.abs(lng) <= 180 && Math.abs(lat) <= 85 ? [lng, lat] : null;
}

export function formatPoint([lng, lat]: [number, number]): string {
  return `${lng.toFixed(6)},${lat.toFixed(6)}`;
}
