import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import type { Role, SessionUser } from '../auth/user.ts';
import type { Database, Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { parseJsonText } from '../http/json.ts';
import { regionCode } from '../http/query-params.ts';
import { parseBodyOr400, parseOr400 } from '../http/validate.ts';
import { gridStatsJson } from '../coverage/coverage-service.ts';
import { attachmentDisposition } from './content-disposition.ts';
import { CLIENT_EXPORT_KINDS, type ClientExportKind } from '../contract/exports.ts';
import type { AuditAction } from '../contract/audit.ts';
import { EXPORT_FORMATS, EXPORT_LAYERS, exportLayer, type ExportFormat, type ExportLayer } from './layers.ts';
import { toCsv } from './write-csv.ts';
import { MEMBER_STATUS_NAMES, type MemberStatus } from '../members/member-status.ts';

const FIND_REGION = sqlFile(import.meta.url, 'find-region.sql');
const COVERAGE_EXTRAS = sqlFile(import.meta.url, 'coverage-extras.sql');
const MEMBERS = sqlFile(import.meta.url, 'members.sql');

const STAFF: Role[] = ['leader', 'planner', 'admin'];

const region = regionCode('region').optional();
const layerParams = z.object({ layer: z.enum(EXPORT_LAYERS, { message: 'layer must be grids, facilities, regions or buildings' }) });
const layerQuery = z.object({
  region,
  format: z.enum(EXPORT_FORMATS, { message: 'format must be geojson, shp, csv or gpkg' }).default('geojson'),
});
const csvQuery = z.object({ region, format: z.enum(['csv'], { message: 'this export is CSV only (format=csv)' }).optional() });
const clientExportBody = z.strictObject({ kind: z.enum(CLIENT_EXPORT_KINDS, { message: 'kind must be coverage-png' }), region: regionCode('region') });

/** What a file the client composes is recorded as. */
const CLIENT_EXPORTS: Record<ClientExportKind, { action: AuditAction; entity: string; format: string }> = {
  'coverage-png': { action: 'export.coverage_map', entity: 'region', format: 'png' },
};

const CONTENT_TYPES: Record<ExportFormat, string> = {
  geojson: 'application/geo+json',
  shp: 'application/zip',
  csv: 'text/csv; charset=utf-8',
  gpkg: 'application/geopackage+sqlite3',
};
const EXTENSIONS: Record<ExportFormat, string> = { geojson: 'geojson', shp: 'zip', csv: 'csv', gpkg: 'gpkg' };
const LAYER_NAMES: Record<ExportLayer | 'coverage' | 'members', string> = {
  grids: '网格',
  facilities: '服务阵地',
  regions: '行政区划',
  buildings: '楼栋',
  coverage: '网格覆盖统计',
  members: '党员名册',
};
const AUDIT_ENTITIES: Record<ExportLayer | 'coverage' | 'members', string> = {
  grids: 'grid',
  facilities: 'facility',
  regions: 'region',
  buildings: 'building',
  coverage: 'grid',
  members: 'member',
};

interface Region {
  code: string;
  name: string;
}

interface CoverageExtras {
  id: number;
  street_code: string | null;
  street_name: string | null;
  community_name: string | null;
  stations: number;
}

const COVERAGE_HEADER = [
  '网格编码', '网格名称', '街道编码', '街道', '社区编码', '社区', '户数', '人口', '党员数', '正式党员', '预备党员', '流动党员',
  '党组织数', '有党支部', '每百户党员数', '服务站数', '最近服务站距离(米)',
];
const MEMBER_HEADER = ['姓名', '状态', '所属党组织', '流动党员', '电话', '网格编码', '网格名称', '社区'];

/**
 * 导出: layers as GeoJSON, zipped Shapefile, CSV or GeoPackage, the coverage table and (admins only) the
 * member list, for one region inside the caller's scope. Every export is audited. The data is
 * read from `reads` (a read replica when there is one), the audit entry written to `db`.
 */
export function exportRoutes(db: Database, reads: Database = db): Router {
  const router = Router();

  /** The region asked for (default: the caller's whole scope), refused outside the scope. */
  async function regionOf(user: SessionUser, asked: string | undefined): Promise<Region> {
    const code = asked ?? user.regionCode;
    requireScope(user, code);
    const [found] = await reads.query<Region>(FIND_REGION, [code]);
    if (!found) throw new HttpError(404, 'REGION_NOT_FOUND', `没有这个区划 (no such region): ${code}`);
    return found;
  }

  /**
   * Runs the export and its audit entry in one transaction: no file leaves without its record.
   * From a read replica, which takes no writes, the export is read there (in one transaction) and
   * recorded on the primary before it is sent: still no file without its record.
   */
  async function audited<T extends { count: number }>(
    req: Request,
    user: SessionUser,
    what: ExportLayer | 'coverage' | 'members',
    details: { region: string; format: ExportFormat },
    run: (tx: Queryable) => Promise<T>,
  ): Promise<T> {
    const record = (tx: Queryable, result: T) =>
      recordAudit(tx, {
        actor: user,
        action: `export.${what}`,
        entity: AUDIT_ENTITIES[what],
        details: { ...details, count: result.count },
        ip: req.ip,
      });
    if (reads === db) {
      return db.transaction(async (tx) => {
        const result = await run(tx);
        await record(tx, result);
        return result;
      });
    }
    const result = await reads.transaction(run);
    await record(db, result);
    return result;
  }

  router.get('/api/exports/coverage', async (req, res) => {
    const user = requireRole(req.user, ...STAFF);
    const q = parseOr400(csvQuery, req.query);
    const place = await regionOf(user, q.region);
    // Per-grid counts without the small-number suppression the heatmap applies: this is exactly
    // what /api/coverage/grids already shows the same roles, aggregated per grid, never a person.
    const { body } = await audited(req, user, 'coverage', { region: place.code, format: 'csv' }, async (tx) => {
      // The per-grid table /api/coverage/grids gives leaders, from the same query.
      const grids = parseJsonText(await gridStatsJson(tx, place.code));
      const extras = new Map((await tx.query<CoverageExtras>(COVERAGE_EXTRAS, [place.code])).map((e) => [e.id, e]));
      const rows = grids.map((g) => {
        const extra = extras.get(g.id);
        return [
          g.code, g.name, extra?.street_code, extra?.street_name, g.communityCode, extra?.community_name, g.households, g.population, g.members, g.formal,
          g.probationary, g.floating, g.partyOrgs, g.hasBranch ? '是' : '否', g.membersPer100Households,
          extra?.stations ?? 0, g.nearestStationMeters,
        ];
      });
      return { body: toCsv(COVERAGE_HEADER, rows), count: grids.length };
    });
    sendFile(res, body, 'csv', `coverage-${place.code}`, `${LAYER_NAMES.coverage}_${place.name}_${place.code}`);
  });

  // A file the client composed from what it shows (the coverage map sheet): recorded before it is saved.
  router.post('/api/exports/audit', async (req, res) => {
    const user = requireRole(req.user, ...STAFF);
    const body = parseBodyOr400(clientExportBody, req.body);
    const place = await regionOf(user, body.region);
    const what = CLIENT_EXPORTS[body.kind];
    await recordAudit(db, {
      actor: user,
      action: what.action,
      entity: what.entity,
      entityIds: [place.code],
      details: { region: place.code, format: what.format },
      ip: req.ip,
    });
    res.status(204).end();
  });

  router.get('/api/exports/members', async (req, res) => {
    const admin = requireRole(req.user, 'admin');
    const q = parseOr400(csvQuery, req.query);
    const place = await regionOf(admin, q.region);
    const { body } = await audited(req, admin, 'members', { region: place.code, format: 'csv' }, async (tx) => {
      const members = await tx.query<{
        name: string;
        status: string;
        org_name: string | null;
        floating: boolean;
        phone: string | null;
        grid_code: string;
        grid_name: string;
        community_name: string | null;
      }>(MEMBERS, [place.code]);
      // No coordinate columns: member homes (sensitive personal information) never leave the
      // server as raw points, not even to admins.
      const rows = members.map((m) => [
        m.name, MEMBER_STATUS_NAMES[m.status as MemberStatus] ?? m.status, m.org_name, m.floating ? '是' : '否', m.phone, m.grid_code, m.grid_name, m.community_name,
      ]);
      return { body: toCsv(MEMBER_HEADER, rows), count: members.length };
    });
    sendFile(res, body, 'csv', `members-${place.code}`, `${LAYER_NAMES.members}_${place.name}_${place.code}`);
  });

  router.get('/api/exports/:layer', async (req, res) => {
    const user = requireRole(req.user, ...STAFF);
    const { layer } = parseOr400(layerParams, req.params);
    const { format, region: asked } = parseOr400(layerQuery, req.query);
    const place = await regionOf(user, asked);
    const baseName = `${layer}-${place.code}`;
    const { body } = await audited(req, user, layer, { region: place.code, format }, (tx) => exportLayer(tx, layer, format, place.code, baseName));
    sendFile(res, body, format, baseName, `${LAYER_NAMES[layer]}_${place.name}_${place.code}`);
  });

  return router;
}

function sendFile(res: Response, body: string | Buffer, format: ExportFormat, asciiBase: string, chineseBase: string): void {
  const ext = EXTENSIONS[format];
  res.set({
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': attachmentDisposition(`${asciiBase}.${ext}`, `${chineseBase}.${ext}`),
    'Cache-Control': 'private, no-store',
  });
  res.send(body);
}
