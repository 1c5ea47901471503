import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

// SQLite for GeoPackage files, through sql.js (SQLite compiled to WebAssembly: no native build).
// The module is loaded once; each file is its own in-memory database, closed by the caller.

let sqlite: Promise<SqlJsStatic> | undefined;

/** An in-memory SQLite database, empty or holding the bytes of a SQLite file. */
export async function openSqlite(bytes?: Uint8Array): Promise<Database> {
  sqlite ??= initSqlJs();
  const SQL = await sqlite;
  return new SQL.Database(bytes);
}

/** A table or column name as an SQL identifier. */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
