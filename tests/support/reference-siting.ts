import { sqlFile } from '../../server/src/db/sql-file.ts';
import type { Database } from '../../server/src/db/database.ts';

// The station-site search as it ran before the coverage aggregates: reach and unreached members
// recomputed from every home per request, the greedy steps as SQL over temporary tables. Kept
// only so tests can show the in-memory search picks the same sites.
const SQL = {
  reach: sqlFile(import.meta.url, 'reference-siting/reach.sql'),
  demand: sqlFile(import.meta.url, 'reference-siting/suggest-demand.sql'),
  demandIndex: sqlFile(import.meta.url, 'reference-siting/suggest-demand-index.sql'),
  candidates: sqlFile(import.meta.url, 'reference-siting/suggest-candidates.sql'),
  best: sqlFile(import.meta.url, 'reference-siting/suggest-best.sql'),
};

export interface ReferenceSites {
  members: number;
  reachedMembers: number;
  sites: { gridId: number; addsMembers: number }[];
}

export async function referenceSites(db: Database, region: string, radius: number, count: number): Promise<ReferenceSites> {
  return db.transaction(async (tx) => {
    const [base] = await tx.query<{ members: number; reached_members: number }>(SQL.reach, [region, radius]);
    await tx.query(SQL.demand, [region, radius]);
    await tx.exec(SQL.demandIndex);
    await tx.query(SQL.candidates, [region]);
    const sites: ReferenceSites['sites'] = [];
    for (let i = 0; i < count; i++) {
      const [best] = await tx.query<{ id: number; adds: number }>(SQL.best, [radius]);
      if (!best || best.adds === 0) break;
      sites.push({ gridId: best.id, addsMembers: best.adds });
    }
    return { members: base!.members, reachedMembers: base!.reached_members, sites };
  });
}
