import type { FacilityProperties, GridProperties } from '../api/types';

// What a clicked vector-tile feature carries, read back into the API's record types. MapLibre
// flattens feature properties for rendering: arrays and objects come back as JSON text.

function parseArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      /* fall through */
    }
  }
  return [];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A facility's properties from a tile dot (`id`, `name`, `kind`) or a staff GeoJSON feature. */
export function readFacility(p: Record<string, unknown>): FacilityProperties | null {
  const id = p['id'];
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  return {
    id,
    name: String(p['name'] ?? ''),
    kind: p['kind'] as FacilityProperties['kind'],
    address: text(p['address']),
    phone: text(p['phone']),
    openingHours: text(p['openingHours']),
    services: parseArray(p['services']),
  };
}

/** A grid's properties from what a tile feature has (the rest comes from /api/grids/:id). */
export function readGrid(p: Record<string, unknown>): GridProperties | null {
  const id = p['id'];
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  const code = String(p['code'] ?? '');
  return {
    id,
    code,
    name: String(p['name'] ?? ''),
    // A grid code is its community's 12-digit code plus a 3-digit sequence.
    communityCode: text(p['communityCode']) ?? code.slice(0, 12),
    households: num(p['households']),
    population: num(p['population']),
    leaderName: text(p['leaderName']),
    leaderPhone: text(p['leaderPhone']),
    version: num(p['version']) ?? 0,
  };
}
