import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { clientQueryable } from '../../../server/src/db/postgres-driver.ts';
import { reassignMembers } from '../../../server/src/grids/reassign-members.ts';
import { addRow, latencyRow, plans, wants, type ScaleContext } from '../context.ts';
import { inMemoryPass, loadPlane } from '../in-memory.ts';
import { sequential } from '../measure.ts';
import { ms, progress, times } from '../report.ts';
import { Tally } from '../stats.ts';

// Rows 9 and 10: members per grid from the stored grid_id, and a full reassignment in SQL, each
// against assigning every member home in Node (flatbush over grid boxes + point in polygon).

export async function membershipRows(ctx: ScaleContext): Promise<void> {
  const want9 = wants(ctx.options, '9', 'per-grid member count (stored grid_id) vs in-memory pass');
  const want10 = wants(ctx.options, '10', 'full reassignment of members (reassignMembers) vs in-memory pass');
  if (!want9 && !want10) return;

  const loadStarted = performance.now();
  const plane = await loadPlane(ctx.db, ctx.scope.code);
  const loadMs = performance.now() - loadStarted;
  progress(`${ctx.section}: ${plane.gridIds.length} grids and ${plane.homes.length / 2} member homes read in ${ms(loadMs)} for the in-memory pass`);
  inMemoryPass(plane); // warm-up (JIT)
  const mem = new Tally();
  let result = inMemoryPass(plane);
  const passes = ctx.options.quick ? 3 : 5;
  for (let i = 0; i < passes; i++) {
    const t0 = performance.now();
    result = inMemoryPass(plane);
    mem.record(performance.now() - t0, 200);
  }
  const baseline = `in-memory pass p50 ${ms(mem.p50)} (${plane.gridIds.length} grids, ${plane.homes.length / 2} homes; reading them ${ms(loadMs)})`;

  if (want9) {
    const { heavy } = plans(ctx.options, ctx.scale);
    let agree = '';
    const t = await sequential(heavy, async () => {
      const a = await ctx.leader.request('/api/coverage/grids');
      if (a.status === 200) {
        const { grids } = JSON.parse(a.body.toString()) as { grids: { id: number; members: number }[] };
        const same = grids.filter((g) => (result.counts.get(g.id) ?? 0) === g.members).length;
        agree = `in-memory counts equal the stored ones for ${same} of ${grids.length} grids`;
      }
      return { status: a.status };
    });
    const row = latencyRow(ctx, '9', 'per-grid member count /api/coverage/grids vs in-memory pass', t, undefined, { notes: agree ? [agree] : [] });
    const ratio = t.p50 / mem.p50;
    row.baseline = baseline;
    row.ratio = `time ${times(ratio)}`;
    row.goal = 'time ≤ 2×';
    row.ok = !t.failures() && ratio <= 2;
    addRow(ctx, row);

    // The same counts from the SQL the endpoint runs, without HTTP and JSON parsing around it.
    const statsSql = fs.readFileSync(fileURLToPath(new URL('../../../server/src/coverage/grid-stats.sql', import.meta.url)), 'utf8');
    const sqlT = await sequential(heavy, async () => {
      try {
        await ctx.db.query(statsSql, [ctx.scope.code]);
        return { status: 200 };
      } catch (err) {
        return { status: `error: ${(err as Error).message.slice(0, 60)}` };
      }
    });
    const sqlRatio = sqlT.p50 / mem.p50;
    const sqlFailures = sqlT.failures();
    addRow(ctx, {
      section: ctx.section,
      id: '9',
      operation: 'per-grid member count, grid-stats.sql alone vs in-memory pass',
      p50: sqlT.p50,
      p95: sqlT.p95,
      baseline,
      ratio: `time ${times(sqlRatio)}`,
      goal: 'informational',
      ok: sqlFailures ? false : undefined,
      notes: `${sqlFailures ? `failures: ${sqlFailures}; ` : ''}n=${sqlT.count}`,
    });
  }

  if (want10) {
    const ids = [...plane.gridIds];
    const timeoutMs = ctx.scale === 'city' ? (ctx.options.quick ? 60_000 : 120_000) : 60_000;
    const client = new pg.Client({ connectionString: ctx.databaseUrl, options: `-c jit=off -c statement_timeout=${timeoutMs}` });
    await client.connect();
    const t = new Tally();
    let moved = 0;
    try {
      const runs = ctx.scale === 'city' ? (ctx.options.quick ? 1 : 2) : ctx.options.quick ? 2 : 3;
      const started = performance.now();
      for (let i = 0; i < runs; i++) {
        progress(`${ctx.section}: reassignMembers over ${ids.length} grids, run ${i + 1} of ${runs} (rolled back)`);
        await client.query('begin');
        const t0 = performance.now();
        try {
          const res = await reassignMembers(clientQueryable(client), ids);
          moved = res.filter((r) => r.kind === 'member').reduce((s, r) => s + r.n, 0);
          t.record(performance.now() - t0, 200);
        } catch (err) {
          const message = (err as Error).message;
          t.record(performance.now() - t0, /statement timeout/.test(message) ? `timeout ${timeoutMs / 1000} s` : `error: ${message.slice(0, 60)}`);
          await client.query('rollback').catch(() => undefined);
          break;
        }
        await client.query('rollback');
        // A slow run is measured once; the time limit of the whole bench matters more.
        if (performance.now() - started > 20_000) break;
      }
      t.wallMs = performance.now() - started;
    } finally {
      await client.end();
    }
    const ratio = t.p50 / mem.p50;
    const failures = t.failures();
    addRow(ctx, {
      section: ctx.section,
      id: '10',
      operation: 'full reassignment reassignMembers (rolled back) vs in-memory pass',
      p50: t.p50,
      p95: t.p95,
      throughput: `${((plane.homes.length / 2) / (t.p50 / 1000) / 1000).toFixed(0)}k members/s`,
      baseline,
      ratio: `time ${times(ratio)}`,
      goal: 'time ≤ 5×',
      ok: !failures && ratio <= 5,
      notes: `${failures ? `failures: ${failures}; ` : ''}${moved} members would move; n=${t.count}`,
    });
  }
}
