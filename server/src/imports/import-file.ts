import type { Role } from '../auth/user.ts';
import type { Database } from '../db/database.ts';
import type { Crs } from '../geo/crs.ts';
import { planFacilityImport } from './import-facilities.ts';
import { planBuildingImport } from './import-buildings.ts';
import { planGridImport } from './import-grids.ts';
import { planMemberImport } from './import-members.ts';
import type { ImportKind, ImportMode, ImportReport } from './import-types.ts';
import { parseImport } from './parse-import.ts';
import type { Towgs84 } from './prj-datum.ts';
import { runImport, type ImportActor, type ImportPlanner } from './run-import.ts';

/** Planners bring grids and stations of their region; member rosters are for admins only. */
export const IMPORT_ROLES: Record<ImportKind, Role[]> = {
  grids: ['planner', 'admin'],
  facilities: ['planner', 'admin'],
  members: ['admin'],
  buildings: ['planner', 'admin'],
};

const PLANNERS: { [K in ImportKind]: ImportPlanner<K> } = {
  grids: planGridImport,
  facilities: planFacilityImport,
  members: planMemberImport,
  buildings: planBuildingImport,
};

export interface ImportFileOptions {
  fileName: string;
  crs: Crs;
  encoding?: 'utf-8' | 'gbk' | undefined;
  /** 7 parameters for a Shapefile of Beijing 1954, Xian 1980… without TOWGS84 in its .prj. */
  towgs84?: Towgs84 | undefined;
  sheet?: string | undefined;
  actor: ImportActor;
  mode: ImportMode;
  ip?: string | undefined;
}

/** Reads a file of the given kind and checks it (dry run) or applies it (commit): the API and the CLI both come here. */
export async function importFile<K extends ImportKind>(db: Database, kind: K, bytes: Uint8Array, options: ImportFileOptions): Promise<ImportReport> {
  const parsed = await parseImport(kind, bytes, { fileName: options.fileName, crs: options.crs, encoding: options.encoding, towgs84: options.towgs84, sheet: options.sheet });
  const planner = PLANNERS[kind] as ImportPlanner<K>;
  return runImport(db, kind, parsed, planner, options);
}

