import { z } from 'zod';
import { FACILITY_KINDS, type FacilityKind } from '../contract/places.ts';

export { FACILITY_KINDS, type FacilityKind };

/** The names people use for each kind (README.md, 词汇): CSV exports write them, imports read them. */
export const FACILITY_KIND_NAMES: Record<FacilityKind, string> = {
  center: '党群服务中心',
  station: '党群服务站',
  party_home: '党员之家',
  rep_studio: '党代表工作室',
  volunteer_point: '志愿服务点',
};

const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** A facility create/replace body: a GeoJSON Point Feature whose properties hold the editable fields. */
export const facilityFeature = z.strictObject({
  type: z.literal('Feature'),
  geometry: z.strictObject({
    type: z.literal('Point'),
    // A third number (a height) is accepted and dropped, as for grids and imports.
    coordinates: z.array(z.number()).min(2).max(3).transform(([x, y]) => [x, y]).pipe(z.tuple([lng, lat])),
  }),
  properties: z.strictObject({
    name: z.string().trim().min(1, 'name is required').max(100),
    kind: z.enum(FACILITY_KINDS),
    address: z.string().trim().max(200).nullable().default(null),
    phone: z.string().trim().regex(/^[0-9+\-() ]{3,30}$/, 'phone: digits, spaces and + - ( ) only').nullable().default(null),
    openingHours: z.string().trim().max(200).nullable().default(null),
    services: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
    public: z.boolean().default(true),
  }),
});

export type FacilityInput = z.infer<typeof facilityFeature>;
