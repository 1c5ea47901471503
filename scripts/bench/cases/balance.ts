import { placeBuildings } from '../../../server/src/buildings/place-buildings.ts';
import { addRow, latencyRow, wants, type ScaleContext } from '../context.ts';
import { progress } from '../report.ts';
import { Tally } from '../stats.ts';

// Rows 17–19, grid size balance on a synthetic community of 2,000 buildings and 12 grids (4 × 3
// strips of a 1.5 km square, east of the district so nothing else touches it): the live preview of
// a vertex drag (POST /api/grids/preview, adjustNeighbours), a rebalance proposal and a first
// draft. Baseline in the same run: the same preview on a twin community with the same grids and no
// buildings (no cells to count, households by area share). Proposals are never saved.

const SIZE_DEG = 0.015;
const COLUMNS = 4;
const ROWS = 3;
const BUILDINGS = 2000;

interface Fixture {
  code: string;
  /** The grid whose corner is dragged, and its four corners (west, south, east, north). */
  gridId: number;
  cell: [number, number, number, number];
}

async function makeFixture(ctx: ScaleContext, code: string, west: number, withBuildings: boolean): Promise<Fixture> {
  const street = code.slice(0, 9);
  const south = 31.2;
  await ctx.db.query(
    `insert into region (code, name, level, parent_code, geom)
     values ($1, '基准测试街道', 'street', '320213', ST_Multi(ST_MakeEnvelope($2, $3, $4, $5, 4326)))
     on conflict (code) do update set geom = ST_Multi(ST_Union(region.geom, excluded.geom))`,
    [street, west, south, west + SIZE_DEG, south + SIZE_DEG],
  );
  await ctx.db.query(
    `insert into region (code, name, level, parent_code, geom) values ($1, '基准测试社区', 'community', $2, ST_Multi(ST_MakeEnvelope($3, $4, $5, $6, 4326)))`,
    [code, street, west, south, west + SIZE_DEG, south + SIZE_DEG],
  );
  await ctx.db.query(
    `insert into grid (code, name, community_code, geom, households, population, updated_by)
     select $1::text || lpad((j * $4::integer + i + 1)::text, 3, '0'), '基准测试网格' || (j * $4::integer + i + 1), $1::text,
            ST_Multi(ST_MakeEnvelope($2::float8 + i * $6::float8 / $4::integer, $3::float8 + j * $6::float8 / $5::integer,
                                     $2::float8 + (i + 1) * $6::float8 / $4::integer, $3::float8 + (j + 1) * $6::float8 / $5::integer, 4326)), 400, 1000, 'bench'
     from generate_series(0, $4::integer - 1) i, generate_series(0, $5::integer - 1) j`,
    [code, west, south, COLUMNS, ROWS, SIZE_DEG],
  );
  if (withBuildings) {
    // Seeded quasi-random (additive recurrence) anchors; 11 m squares; 1–4 households (houses and small
    // blocks, about 5,600 in all: 470 a grid), one more in the west third, so the western grids are over the target.
    await ctx.db.query(
      `insert into building (community_code, name, households, population, geom, source)
       select $1::text, case when k % 3 = 0 then '新村' else '花园' end || k || '幢',
              1 + (k * 7) % 4 + case when x < 0.3 then 1 else 0 end, 0, ST_MakeEnvelope(lng - 0.00005, lat - 0.00005, lng + 0.00005, lat + 0.00005, 4326), 'bench'
       from (select k, x, $2::float8 + $5::float8 * (0.02 + 0.96 * x) as lng, $3::float8 + $5::float8 * (0.02 + 0.96 * ((k * 0.7548776662) % 1)) as lat
             from (select k, ((k * 0.6180339887) % 1)::float8 as x from generate_series(1, $4::integer) k) s) p`,
      [code, west, south, BUILDINGS, SIZE_DEG],
    );
    await ctx.db.query(`update building set population = households * 2 + 1 where community_code = $1`, [code]);
    await placeBuildings(ctx.db, [code]);
  }
  const [grid] = await ctx.db.query<{ id: number }>('select id from grid where code = $1', [`${code}006`]);
  // Grid 006 is column 1, row 1: an inner grid with neighbours on every side.
  const w = west + SIZE_DEG / COLUMNS;
  const s = south + SIZE_DEG / ROWS;
  return { code, gridId: grid!.id, cell: [w, s, w + SIZE_DEG / COLUMNS, s + SIZE_DEG / ROWS] };
}

async function previewDrag(ctx: ScaleContext, f: Fixture, reps: number): Promise<Tally> {
  const [row] = await ctx.db.query<{ version: number }>('select version from grid where id = $1', [f.gridId]);
  const [w, s, e, n] = f.cell;
  const t = new Tally();
  const started = performance.now();
  for (let i = 0; i < reps; i++) {
    // The north-east corner dragged a little further out each time, into three neighbours.
    const d = (0.05 + 0.01 * (i % 10)) * (e - w);
    const ring = [[w, s], [e, s], [e + d, n + d], [w, n], [w, s]];
    const a = await ctx.planner.request('/api/grids/preview', {
      method: 'POST',
      body: { type: 'Feature', id: f.gridId, geometry: { type: 'Polygon', coordinates: [ring] }, properties: { version: row!.version }, adjustNeighbours: true },
      timeoutMs: 30_000,
    });
    if (i >= 2) t.record(a.ms, a.status);
  }
  t.wallMs = performance.now() - started;
  return t;
}

async function timed(ctx: ScaleContext, path: string, body: unknown, reps: number): Promise<{ t: Tally; last: string }> {
  const t = new Tally();
  let last = '';
  const started = performance.now();
  for (let i = 0; i < reps; i++) {
    const a = await ctx.planner.request(path, { method: 'POST', body, timeoutMs: 60_000 });
    t.record(a.ms, a.status);
    last = a.body.toString();
  }
  t.wallMs = performance.now() - started;
  return { t, last };
}

export async function balanceRows(ctx: ScaleContext): Promise<void> {
  if (ctx.scale !== 'demo') return;
  const ops = {
    preview: 'grid preview of a vertex drag, adjustNeighbours, 2,000 buildings',
    rebalance: 'rebalance proposal, 12 grids, 2,000 buildings',
    draft: 'first draft, 2,000 buildings',
  };
  if (!['17', '18', '19'].some((id, i) => wants(ctx.options, id, Object.values(ops)[i]!))) return;
  const [taken] = await ctx.db.query<{ n: number }>(`select count(*)::integer as n from region where code like '320213997%'`);
  const suffix = String((taken?.n ?? 0) + 1).padStart(3, '0');
  progress(`${ctx.section}: balance: a community of ${BUILDINGS} buildings and ${COLUMNS * ROWS} grids, and its twin without buildings`);
  const withBuildings = await makeFixture(ctx, `320213997${suffix}`, 121.6, true);
  const without = await makeFixture(ctx, `320213996${suffix}`, 121.7, false);
  const reps = ctx.options.quick ? 12 : 32;

  if (wants(ctx.options, '17', ops.preview)) {
    const baseline = await previewDrag(ctx, without, reps);
    const t = await previewDrag(ctx, withBuildings, reps);
    const row = latencyRow(ctx, '17', ops.preview, t, 150, { notes: [`no-buildings twin p50 ${baseline.p50.toFixed(0)} ms, p95 ${baseline.p95.toFixed(0)} ms`] });
    addRow(ctx, { ...row, baseline: `no buildings p50 ${baseline.p50.toFixed(0)} ms`, ratio: `${(t.p50 / baseline.p50).toFixed(2)}×` });
  }
  if (wants(ctx.options, '18', ops.rebalance)) {
    const { t, last } = await timed(ctx, `/api/communities/${withBuildings.code}/rebalance`, {}, ctx.options.quick ? 2 : 4);
    const p = last.startsWith('{') ? (JSON.parse(last) as { moves?: unknown[]; reachesRange?: boolean; method?: string }) : {};
    addRow(ctx, latencyRow(ctx, '18', ops.rebalance, t, 3000, { notes: [`${p.moves?.length ?? '?'} moves, in range: ${p.reachesRange}, ${p.method ?? ''}`] }));
  }
  if (wants(ctx.options, '19', ops.draft)) {
    const { t, last } = await timed(ctx, `/api/communities/${withBuildings.code}/draft-division`, {}, ctx.options.quick ? 2 : 4);
    const p = last.startsWith('{') ? (JSON.parse(last) as { k?: number; grids?: { range: string }[] }) : {};
    addRow(ctx, latencyRow(ctx, '19', ops.draft, t, 5000, { notes: [`k=${p.k ?? '?'}, ${p.grids?.filter((g) => g.range === 'within').length ?? '?'} in range`] }));
  }
}
