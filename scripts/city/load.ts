// Writes a CityModel into an empty, migrated database in one transaction, table by table in
// dependency order (regions → grids and their first versions → facilities → Party organisations →
// members), every table by COPY. Coverage triggers are told to stand aside for the bulk load
// (BULK_LOAD_SETTING) and the aggregates are rebuilt once at the end.
import type pg from 'pg';
import { clientQueryable } from '../../server/src/db/postgres-driver.ts';
import { BULK_LOAD_SETTING, rebuildCoverage } from '../../server/src/coverage/aggregates.ts';
import { copyInto, multiPolygonEwkt, pointEwkt, row, textArray } from './copy.ts';
import { membersOfGrid, type CityModel, type CityRun } from './model.ts';

export const LOADED_BY = 'generate-city';

/** The platform's tables the loader fills; the database must have none of their rows. */
export const LOADED_TABLES = ['region', 'grid', 'grid_version', 'facility', 'party_org', 'member', 'app_user'] as const;

function* regionRows(model: CityModel): Generator<string> {
  for (const copy of model.copies) {
    yield row([copy.city.code, copy.city.name, 'city', null, multiPolygonEwkt(copy.city.geom)]);
    for (const { plan } of copy.districts) {
      for (const r of [plan.district, ...plan.streets, ...plan.communities]) {
        yield row([r.code, r.name, r.level, r.parentCode, multiPolygonEwkt(r.geom)]);
      }
    }
  }
}

export interface LoadCounts {
  regions: number;
  grids: number;
  gridVersions: number;
  facilities: number;
  partyOrgs: number;
  members: number;
}

export async function loadCity(client: pg.ClientBase, run: CityRun, progress: (message: string) => void): Promise<LoadCounts> {
  const { model } = run;
  const gridId = new Map<string, number>();
  const orgId = new Map<string, number>();
  for (const copy of model.copies) {
    for (const { plan, people } of copy.districts) {
      for (const g of plan.grids) gridId.set(g.code, gridId.size + 1);
      for (const o of people.orgs) orgId.set(o.key, orgId.size + 1);
    }
  }
  const idOfGrid = (code: string | null): number | null => {
    if (code === null) return null;
    const id = gridId.get(code);
    if (id === undefined) throw new Error(`unknown grid ${code}`);
    return id;
  };
  const idOfOrg = (key: string | null): number | null => {
    if (key === null) return null;
    const id = orgId.get(key);
    if (id === undefined) throw new Error(`unknown party organisation ${key}`);
    return id;
  };

  const counts: LoadCounts = { regions: 0, grids: 0, gridVersions: 0, facilities: 0, partyOrgs: 0, members: 0 };
  await client.query('begin');
  try {
    // Session-wide (not `set local`): the rebuild after the commit runs on this session too.
    await client.query(`select set_config($1, 'on', false)`, [BULK_LOAD_SETTING]);
    counts.regions = await copyInto(client, 'region', ['code', 'name', 'level', 'parent_code', 'geom'], regionRows(model));
    progress(`regions: ${counts.regions}`);

    counts.grids = await copyInto(
      client,
      'grid',
      ['id', 'code', 'name', 'community_code', 'geom', 'households', 'population', 'leader_name', 'leader_phone', 'updated_by'],
      (function* () {
        for (const copy of model.copies) {
          for (const { plan } of copy.districts) {
            for (const g of plan.grids) {
              yield row([idOfGrid(g.code), g.code, g.name, g.communityCode, multiPolygonEwkt(g.geom), g.households, g.population, g.leaderName, g.leaderPhone, LOADED_BY]);
            }
          }
        }
      })(),
    );
    // Version 1 of every grid, as the demo loader records it (insert-grids.sql), set-based.
    const versions = await client.query(
      `insert into grid_version (grid_id, version, code, name, community_code, geom, households, population,
                                 leader_name, leader_phone, valid_from, change_kind, note, changed_by)
       select id, version, code, name, community_code, geom, households, population,
              leader_name, leader_phone, valid_from, 'import', 'city dataset', updated_by
       from grid`,
    );
    counts.gridVersions = versions.rowCount ?? 0;
    await client.query(`select setval(pg_get_serial_sequence('grid', 'id'), (select max(id) from grid))`);
    progress(`grids: ${counts.grids} (and ${counts.gridVersions} versions)`);

    counts.facilities = await copyInto(
      client,
      'facility',
      ['ext_key', 'name', 'kind', 'address', 'phone', 'opening_hours', 'services', 'geom', 'public', 'grid_id'],
      (function* () {
        for (const copy of model.copies) {
          for (const { people } of copy.districts) {
            for (const f of people.facilities) {
              yield row([f.key, f.name, f.kind, f.address, f.phone, f.openingHours, textArray(f.services), pointEwkt(f.at), f.public, idOfGrid(f.gridCode)]);
            }
          }
        }
      })(),
    );
    progress(`facilities: ${counts.facilities}`);

    counts.partyOrgs = await copyInto(
      client,
      'party_org',
      ['id', 'ext_key', 'name', 'kind', 'parent_id', 'grid_id'],
      (function* () {
        for (const copy of model.copies) {
          for (const { people } of copy.districts) {
            for (const o of people.orgs) yield row([idOfOrg(o.key), o.key, o.name, o.kind, idOfOrg(o.parentKey), idOfGrid(o.gridCode)]);
          }
        }
      })(),
    );
    await client.query(`select setval(pg_get_serial_sequence('party_org', 'id'), (select max(id) from party_org))`);
    progress(`party organisations: ${counts.partyOrgs}`);

    const total = [...model.copies].reduce(
      (t, c) => t + c.districts.reduce((u, d) => u + [...d.people.membersPerGrid.values()].reduce((v, n) => v + n, 0), 0),
      0,
    );
    const started = Date.now();
    counts.members = await copyInto(
      client,
      'member',
      ['name', 'status', 'org_id', 'floating', 'home', 'grid_id', 'phone'],
      (function* () {
        let written = 0;
        let nextReport = 100_000;
        for (const copy of model.copies) {
          for (const { plan, people } of copy.districts) {
            for (const g of plan.grids) {
              const id = idOfGrid(g.code);
              for (const m of membersOfGrid(run, people, g)) {
                yield row([m.name, m.status, idOfOrg(m.orgKey), m.floating, pointEwkt(m.at), id, m.phone]);
                written++;
              }
              if (written >= nextReport) {
                const seconds = (Date.now() - started) / 1000;
                progress(`members: ${written.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} (${Math.round(written / seconds).toLocaleString('en-US')}/s)`);
                nextReport += 100_000;
              }
            }
          }
        }
      })(),
    );
    progress(`members: ${counts.members}`);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
  progress('rebuilding coverage aggregates');
  await rebuildCoverage(clientQueryable(client));
  await client.query(`select set_config($1, 'off', false)`, [BULK_LOAD_SETTING]);
  // Rebuilding the aggregates set every member's reach: one dead row per member until autovacuum
  // comes, which would double what the first reassignments and counts read.
  progress('vacuum and analyze');
  await client.query('vacuum (analyze)');
  return counts;
}
