import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { placeBuildings } from '../buildings/place-buildings.ts';
import { bulkLoad, rebuildCoverageFigures } from '../coverage/aggregates.ts';

export const DEMO_DIR = fileURLToPath(new URL('../../../data/demo/', import.meta.url));

const INSERT_REGIONS = sqlFile(import.meta.url, 'insert-regions.sql');
const INSERT_GRIDS = sqlFile(import.meta.url, 'insert-grids.sql');
const INSERT_FACILITIES = sqlFile(import.meta.url, 'insert-facilities.sql');
const INSERT_PARTY_ORGS = sqlFile(import.meta.url, 'insert-party-orgs.sql');
const LINK_PARTY_ORG_PARENTS = sqlFile(import.meta.url, 'link-party-org-parents.sql');
const INSERT_MEMBERS = sqlFile(import.meta.url, 'insert-members.sql');
const INSERT_BUILDINGS = sqlFile(import.meta.url, 'insert-buildings.sql');
const IS_EMPTY = sqlFile(import.meta.url, 'is-empty.sql');
const COUNT_DEMO = sqlFile(import.meta.url, 'count-demo.sql');
const ANALYZE_LOADED = sqlFile(import.meta.url, 'analyze-loaded.sql');
const VACUUM_LOADED = sqlFile(import.meta.url, 'vacuum-loaded.sql');
const ASSIGN_MEMBER_GRIDS = sqlFile(import.meta.url, 'assign-member-grids.sql');

export interface DemoCounts {
  regions: number;
  grids: number;
  facilities: number;
  partyOrgs: number;
  members: number;
  buildings: number;
}

export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.query<{ empty: boolean }>(IS_EMPTY);
  return rows[0]?.empty ?? true;
}

/** Loads the committed demo district (data/demo) in one transaction. */
export async function loadDemo(
  db: Database,
  progress: (step: string) => void = () => undefined,
  dir = DEMO_DIR,
): Promise<DemoCounts> {
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const readCsv = (name: string) => parse(read(name), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

  const orgs = readCsv('party-orgs.csv');
  const members = readCsv('members.csv').map((m) => ({
    name: m.name,
    status: m.status,
    orgKey: m.orgKey || null,
    floating: m.floating === 'true',
    lng: Number(m.lng),
    lat: Number(m.lat),
    phone: m.phone || null,
  }));
  const buildings = read('buildings.geojson');
  const buildingCommunities = [
    ...new Set((JSON.parse(buildings) as { features: { properties: { communityCode: string } }[] }).features.map((f) => f.properties.communityCode)),
  ];

  await db.transaction(async (tx) => {
    await bulkLoad(tx);
    progress('regions');
    await tx.query(INSERT_REGIONS, [read('regions.geojson')]);
    progress('grids');
    await tx.query(INSERT_GRIDS, [read('grids.geojson'), 'demo']);
    progress('facilities');
    await tx.query(INSERT_FACILITIES, [read('facilities.geojson')]);
    progress('party organisations');
    const orgJson = JSON.stringify(orgs);
    await tx.query(INSERT_PARTY_ORGS, [orgJson]);
    await tx.query(LINK_PARTY_ORG_PARENTS, [orgJson]);
    progress('buildings');
    await tx.query(INSERT_BUILDINGS, [buildings]);
    await tx.exec(ANALYZE_LOADED);
    progress(`members (${members.length})`);
    await tx.query(INSERT_MEMBERS, [JSON.stringify(members)]);
    await tx.exec(ANALYZE_LOADED);
    await tx.exec(ASSIGN_MEMBER_GRIDS);
    // Every demo community has buildings: its grids' households and population become their sums.
    progress('households from buildings');
    await placeBuildings(tx, buildingCommunities);
    progress('coverage figures');
    await rebuildCoverageFigures(tx);
  });
  await db.exec(VACUUM_LOADED);

  const [counts] = await db.query<DemoCounts>(COUNT_DEMO);
  if (!counts) throw new Error('counting the demo data returned nothing');
  return counts;
}
