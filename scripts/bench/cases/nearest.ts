import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { addRow, wants, type ScaleContext } from '../context.ts';
import { load } from '../load.ts';
import { concurrent } from '../measure.ts';
import { perSecond, progress, times } from '../report.ts';
import { Tally } from '../stats.ts';

// Rows 5 and 6: /api/nearest under 32 concurrent clients at seeded points in the scope, against
// the raw KNN query of the same shape on a pg pool of 32, and the endpoint's own SQL on that pool.

const CONCURRENCY = 32;
const ROUNDS = 2;
export const RAW_KNN = `select id, ST_Distance(geom::geography, p::geography) as d
  from facility, (select ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) as p) o
  where public order by geom <-> p limit 5`;

function nearestSql(): string {
  return fs.readFileSync(fileURLToPath(new URL('../../../tests/support/reference-nearest.sql', import.meta.url)), 'utf8');
}

export function benchPool(databaseUrl: string, max: number): pg.Pool {
  // As the server's pool: JIT off (server/src/db/postgres-driver.ts).
  return new pg.Pool({ connectionString: databaseUrl, max, options: '-c jit=off' });
}

async function poolLoad(pool: pg.Pool, sql: string, points: [number, number][], params: (p: [number, number]) => unknown[], seconds: number): Promise<Tally> {
  let next = 0;
  return concurrent(CONCURRENCY, seconds, Math.min(1, seconds / 3), async () => {
    const p = points[next++ % points.length]!;
    try {
      await pool.query(sql, params(p));
      return { status: 200 };
    } catch (err) {
      return { status: `error: ${(err as Error).message.slice(0, 60)}` };
    }
  });
}

export async function nearestRows(ctx: ScaleContext): Promise<void> {
  const want5 = wants(ctx.options, '5', '/api/nearest ×32 vs raw KNN');
  const want6 = wants(ctx.options, '6', 'nearest SQL alone vs raw KNN');
  if (!want5 && !want6) return;
  const points = ctx.scope.points;
  const seconds = ctx.options.loadSeconds;
  const pool = benchPool(ctx.databaseUrl, CONCURRENCY);
  try {
    let next = 0;
    const nextPath = () => {
      const [lng, lat] = points[next++ % points.length]!;
      return `/api/nearest?lng=${lng.toFixed(6)}&lat=${lat.toFixed(6)}`;
    };
    if (want5) await load({ url: ctx.server.url, connections: CONCURRENCY, seconds: 1, nextPath }); // warm-up
    // The raw query and the endpoint take turns (ROUNDS each), so a stretch of the machine running
    // slower falls on both sides of the ratio rather than on one.
    const raw = new Tally();
    const api = new Tally();
    for (let round = 1; round <= ROUNDS; round++) {
      progress(`${ctx.section}: raw KNN on a pool of ${CONCURRENCY}, ${seconds} s (round ${round} of ${ROUNDS})`);
      raw.merge(await poolLoad(pool, RAW_KNN, points, ([lng, lat]) => [lng, lat], seconds));
      if (!want5) break;
      progress(`${ctx.section}: /api/nearest with ${CONCURRENCY} connections, ${seconds} s (round ${round} of ${ROUNDS})`);
      api.merge(await load({ url: ctx.server.url, connections: CONCURRENCY, seconds, nextPath }));
    }
    const rawRate = raw.rate();
    const baseline = `raw KNN ${perSecond(rawRate)}, p50 ${raw.p50.toFixed(2)} ms, p95 ${raw.p95.toFixed(2)} ms (pg pool ${CONCURRENCY})`;

    if (want5) {
      const ratio = api.rate() / rawRate;
      const failures = api.failures();
      addRow(ctx, {
        section: ctx.section,
        id: '5',
        operation: `/api/nearest ×${CONCURRENCY} clients vs raw KNN`,
        p50: api.p50,
        p95: api.p95,
        throughput: `${perSecond(api.rate())} (c=${CONCURRENCY})`,
        baseline,
        ratio: `throughput ${times(ratio)}`,
        goal: 'throughput ≥ 0.5×, p95 ≤ 25 ms',
        ok: !failures && ratio >= 0.5 && api.p95 <= 25,
        notes: `${failures ? `failures: ${failures}; ` : ''}n=${api.count}; ${ROUNDS} rounds of ${seconds} s, taking turns with the raw query`,
      });
    }

    if (want6) {
      progress(`${ctx.section}: reference nearest SQL on a pool of ${CONCURRENCY}, ${seconds} s`);
      const sql = nearestSql();
      const own = await poolLoad(pool, sql, points, ([lng, lat]) => [lng, lat, 5, null], seconds);
      const failures = own.failures();
      addRow(ctx, {
        section: ctx.section,
        id: '6',
        operation: 'reference nearest SQL (tests/support) vs raw KNN',
        p50: own.p50,
        p95: own.p95,
        throughput: `${perSecond(own.rate())} (c=${CONCURRENCY})`,
        baseline,
        ratio: `throughput ${times(own.rate() / rawRate)}`,
        goal: 'informational',
        ok: failures ? false : undefined,
        notes: `${failures ? `failures: ${failures}; ` : ''}n=${own.count}`,
      });
    }
  } finally {
    await pool.end();
  }
}
