// An in-memory PGlite with PostGIS: the generator's geometry engine (valid overlays, Voronoi,
// snap-rounding) and the place where the acceptance checks run.
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

export interface GeoDb {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  one<T>(sql: string, params?: unknown[]): Promise<T>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function openGeoDb(): Promise<GeoDb> {
  const pg = await PGlite.create({ extensions: { postgis } });
  await pg.exec('create extension postgis');
  return {
    async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      return (await pg.query<T>(sql, params)).rows;
    },
    async one<T>(sql: string, params: unknown[] = []): Promise<T> {
      const rows = (await pg.query<T>(sql, params)).rows;
      if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql.slice(0, 80)}`);
      return rows[0] as T;
    },
    async exec(sql: string): Promise<void> {
      await pg.exec(sql);
    },
    async close(): Promise<void> {
      await pg.close();
    },
  };
}
