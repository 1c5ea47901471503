import { FACILITY_KIND_NAMES } from '../facilities/facility-input.ts';
import type { FacilityKind } from '../contract/places.ts';
import type { FacilityWrite } from './import-facilities.ts';
import type { ImportChange } from './import-types.ts';

/** A station as stored, as check-facility-rows.sql gives it; `distance` (m) from the row's place, null when the row has none. */
export interface StoredFacility {
  name: string;
  kind: string;
  address: string | null;
  phone: string | null;
  openingHours: string | null;
  services: string[];
  public: boolean;
  lng: number;
  lat: number;
  distance: number | null;
}

const kindName = (kind: string) => FACILITY_KIND_NAMES[kind as FacilityKind] ?? kind;
const yesNo = (value: boolean) => (value ? '是' : '否');
const listed = (services: string[]) => (services.length === 0 ? null : services.join('、'));
const place = (lng: number, lat: number) => `${lng.toFixed(6)}, ${lat.toFixed(6)}`;

/**
 * What importing the row (merged with what the file has no column for) changes in the station it
 * updates, old → new, as a person reads it: kinds by their Chinese names, services joined, the
 * place as longitude, latitude. Empty when it changes nothing.
 */
export function facilityChanges(row: FacilityWrite, stored: StoredFacility): ImportChange[] {
  const pairs: [string, string | null, string | null][] = [
    ['name', stored.name, row.name],
    ['kind', kindName(stored.kind), kindName(row.kind)],
    ['address', stored.address, row.address],
    ['phone', stored.phone, row.phone],
    ['openingHours', stored.openingHours, row.openingHours],
    ['services', listed(stored.services), listed(row.services)],
    ['public', yesNo(stored.public), yesNo(row.public)],
  ];
  // The station form may save an empty text, which an export writes as an empty cell and the
  // import reads as no value: the two are the same.
  const changes: ImportChange[] = pairs
    .map(([field, before, after]) => ({ field, before: before || null, after: after || null }))
    .filter((c) => c.before !== c.after);
  if (row.lng !== stored.lng || row.lat !== stored.lat) changes.push({ field: 'location', before: place(stored.lng, stored.lat), after: place(row.lng, row.lat) });
  return changes;
}
