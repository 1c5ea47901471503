import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a .sql file next to the calling module, once, at start. Usage: sqlFile(import.meta.url, 'x.sql'). */
export function sqlFile(moduleUrl: string, name: string): string {
  return fs.readFileSync(fileURLToPath(new URL(name, moduleUrl)), 'utf8');
}
