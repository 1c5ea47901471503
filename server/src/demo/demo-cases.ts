import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { planDemoCases, type DemoCategory, type PlannedCase } from './demo-case-plan.ts';
import { demoGridWorkers } from './demo-grid-workers.ts';

const SQL = {
  area: sqlFile(import.meta.url, 'demo-case-area.sql'),
  categories: sqlFile(import.meta.url, 'demo-case-categories.sql'),
  place: sqlFile(import.meta.url, 'place-demo-cases.sql'),
  cases: sqlFile(import.meta.url, 'insert-demo-cases.sql'),
  events: sqlFile(import.meta.url, 'insert-demo-case-events.sql'),
  count: sqlFile(import.meta.url, 'count-demo-cases.sql'),
};

/** The demo supervisors (demo-accounts.ts) who act on the cases of grids without a demo grid worker. */
const STREET_LEADER = 'leader_street';
const DISTRICT_LEADER = 'leader';

/**
 * Adds the demo cases (民情) to the loaded demo district, as of `now`: a few hundred over the
 * last 90 days in every status, planned in memory from a fixed seed (demo-case-plan.ts) and
 * written in four statements, so the embedded database loads them in a moment. Answers how many.
 */
export async function loadDemoCases(db: Database, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [area] = await tx.query<{ district: string; street: string }>(SQL.area);
    if (!area) return 0;
    const categories = await tx.query<DemoCategory>(SQL.categories);
    const workers = await demoGridWorkers(tx);
    const plan = planDemoCases(now, categories, { ...area, workerGrids: workers.flatMap((w) => w.gridCodes) });
    await tx.query(SQL.place, [JSON.stringify(plan.map(({ idx, prefix, u, seed, base, dx, dy }) => ({ idx, prefix, u, seed, base, dx, dy })))]);
    await tx.query(SQL.cases, [JSON.stringify(plan.map(caseRow))]);
    const pairs = workers.flatMap((w) => w.gridCodes.map((code) => [code, w.username] as const));
    await tx.query(SQL.events, [
      JSON.stringify(plan.map(({ idx, code, base, status }) => ({ idx, code, base, status }))),
      JSON.stringify(plan.flatMap((c) => c.events.map((e) => ({ idx: c.idx, ...e })))),
      pairs.map(([code]) => code),
      pairs.map(([, username]) => username),
      area.street,
      STREET_LEADER,
      DISTRICT_LEADER,
    ]);
    const [count] = await tx.query<{ n: number }>(SQL.count);
    return count?.n ?? 0;
  });
}

/** A planned case's stored fields (insert-demo-cases.sql). */
function caseRow(c: PlannedCase) {
  return {
    idx: c.idx, code: c.code, category: c.category, description: c.description, phone: c.phone, transfer: c.transfer,
    status: c.status, version: c.version, escalation: c.escalation, rating: c.rating, ratingComment: c.ratingComment,
    createdAt: c.createdAt, acceptDeadline: c.acceptDeadline, closeDeadline: c.closeDeadline,
    acceptedAt: c.acceptedAt, closedAt: c.closedAt, updatedAt: c.updatedAt,
  };
}
