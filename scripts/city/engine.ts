// The generator's geometry engine on a real PostgreSQL + PostGIS: the demo's GeoDb interface over
// one connection, so the demo's partition code runs natively (each district in a scratch schema,
// dropped when it is done). Tests use the demo's in-memory PGlite instead, through the same code.
import pg from 'pg';
import type { GeoDb } from '../demo/db.ts';

export async function openPgGeoDb(connectionString: string): Promise<GeoDb> {
  const client = new pg.Client({ connectionString, options: '-c jit=off' });
  await client.connect();
  await client.query('create extension if not exists postgis');
  return {
    async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      return (await client.query(sql, params)).rows as T[];
    },
    async one<T>(sql: string, params: unknown[] = []): Promise<T> {
      const rows = (await client.query(sql, params)).rows as T[];
      if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql.slice(0, 80)}`);
      return rows[0] as T;
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
    async close(): Promise<void> {
      await client.end();
    },
  };
}
