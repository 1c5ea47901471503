import type { Database } from '../../server/src/db/database.ts';
import type { HttpClient } from './http-client.ts';
import type { Plan } from './measure.ts';
import type { BenchOptions } from './options.ts';
import { type Row, ms, perSecond, progress, times } from './report.ts';
import type { Scope } from './scope.ts';
import type { ServerProcess } from './server-process.ts';
import type { Tally } from './stats.ts';

/** One database at one scale with its API server: what every case needs. */
export interface ScaleContext {
  scale: 'demo' | 'city';
  section: string;
  options: BenchOptions;
  /** The bench's own connection to the same database (direct SQL, baselines). */
  db: Database;
  databaseUrl: string;
  server: ServerProcess;
  anonymous: HttpClient;
  leader: HttpClient;
  planner: HttpClient;
  scope: Scope;
  rows: Row[];
  /** p50 (ms) of each row at demo scale, the baseline of the same row at city scale. */
  demoFigures: Map<string, number>;
}

export function wants(options: BenchOptions, id: string, operation: string): boolean {
  return !options.only || options.only.test(`${id} ${operation}`);
}

/** Sequential plans: light requests (ms each) and heavy ones (whole-scope aggregates). */
export function plans(options: BenchOptions, scale: 'demo' | 'city'): { light: Plan; heavy: Plan } {
  const q = options.quick;
  return {
    light: { warmup: 3, reps: q ? 15 : 40, budgetMs: q ? 4000 : 10_000 },
    heavy: { warmup: 1, reps: q ? 4 : 12, budgetMs: q ? 6000 : scale === 'city' ? 15_000 : 12_000 },
  };
}

export function addRow(ctx: { rows: Row[] }, row: Row): void {
  ctx.rows.push(row);
  progress(
    `  ${row.section} #${row.id} ${row.operation}: p50 ${ms(row.p50)} p95 ${ms(row.p95)}` +
      `${row.ratio ? ` ratio ${row.ratio}` : ''}${row.ok === false ? ' — NOT OK' : ''}${row.notes ? ` (${row.notes})` : ''}`,
  );
}

/** A request row judged by its p95 against an absolute goal; at city scale compared with its demo figure. */
export function latencyRow(
  ctx: ScaleContext,
  id: string,
  operation: string,
  t: Tally,
  goalMs: number | undefined,
  extra: { notes?: string[]; expected?: string[]; okAlso?: boolean } = {},
): Row {
  const expected = extra.expected ?? ['200'];
  const failures = t.failures(expected);
  const notes = [...(failures ? [`failures: ${failures}`] : []), ...(extra.notes ?? []), `n=${t.count}`];
  let baseline: string | undefined;
  let ratio: string | undefined;
  if (ctx.scale === 'demo') {
    ctx.demoFigures.set(id, t.p50);
    baseline = '— (the city rows’ baseline)';
  } else {
    const demo = ctx.demoFigures.get(id);
    if (demo !== undefined) {
      baseline = `demo p50 ${ms(demo)}`;
      // A request cut off by a timeout would have taken longer still.
      const cut = /503|timeout/.test(failures) ? '≥ ' : '';
      ratio = `city/demo ${cut}${times(t.p50 / demo)}`;
    }
  }
  const okGoal = goalMs === undefined ? undefined : !failures && t.p95 <= goalMs && (extra.okAlso ?? true);
  return {
    section: ctx.section,
    id,
    operation,
    p50: t.p50,
    p95: t.p95,
    throughput: `${perSecond(t.rate(expected))} (c=1)`,
    baseline,
    ratio,
    goal: goalMs === undefined ? undefined : `p95 ≤ ${ms(goalMs)}`,
    ok: okGoal,
    notes: notes.join('; '),
  };
}
