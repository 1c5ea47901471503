import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * An empty embedded database with PostGIS and pg_trgm already created, committed to the repository
 * (data/embedded/). Creating one costs ~15 s on two cores (initdb, then CREATE EXTENSION postgis
 * writes ~1,000 functions and 8,500 reference systems); unpacking this one costs ~1 s. It is only
 * valid for the PGlite and PostGIS packages it was made with: `npm run build-embedded-template`
 * makes a new one after they change.
 */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../../data/embedded/', import.meta.url));
const ARCHIVE = 'postgis-template.tar.br';
const MANIFEST = 'postgis-template.json';
export const TEMPLATE_PACKAGES = ['@electric-sql/pglite', '@electric-sql/pglite-postgis'] as const;

export interface TemplateManifest {
  /** Package name → version the template was made with. */
  packages: Record<string, string>;
  extensions: string[];
}

export const TEMPLATE_EXTENSIONS = ['postgis', 'pg_trgm'];

/** The installed version of a package (its package.json is not exported: found from its entry point). */
export function installedVersion(name: string): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json of ${name} not found`);
    dir = parent;
  }
}

export function installedPackages(): Record<string, string> {
  return Object.fromEntries(TEMPLATE_PACKAGES.map((name) => [name, installedVersion(name)]));
}

export function readTemplateManifest(dir = TEMPLATE_DIR): TemplateManifest | undefined {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TemplateManifest;
}

/** Why the committed template cannot be used with the installed packages, or undefined when it can. */
export function templateMismatch(manifest: TemplateManifest | undefined, installed = installedPackages()): string | undefined {
  if (!manifest) return 'there is no template';
  for (const [name, version] of Object.entries(installed)) {
    if (manifest.packages[name] !== version) {
      return `it was made with ${name} ${manifest.packages[name] ?? '(none)'}, ${version} is installed`;
    }
  }
  const missing = TEMPLATE_EXTENSIONS.filter((e) => !manifest.extensions.includes(e));
  return missing.length > 0 ? `it lacks ${missing.join(', ')}` : undefined;
}

/**
 * The template as an uncompressed data-directory tarball for PGlite's loadDataDir, or undefined
 * (with the reason logged) when it does not match the installed packages.
 */
export async function loadTemplate(log: (line: string) => void = console.warn, dir = TEMPLATE_DIR): Promise<Blob | undefined> {
  const mismatch = templateMismatch(readTemplateManifest(dir));
  if (mismatch) {
    log(`The embedded database template in ${dir} is not used (${mismatch}); creating PostGIS from scratch takes ~15 s more. Run \`npm run build-embedded-template\` to make a new template.`);
    return undefined;
  }
  const tar = await promisify(zlib.brotliDecompress)(fs.readFileSync(path.join(dir, ARCHIVE)));
  return new Blob([tar]);
}

/** Writes a template from a data-directory tarball (PGlite dumpDataDir('none')). */
export async function writeTemplate(tar: Buffer, manifest: TemplateManifest, dir = TEMPLATE_DIR): Promise<number> {
  const compressed = await promisify(zlib.brotliCompress)(tar, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: tar.length,
    },
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, ARCHIVE), compressed);
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return compressed.length;
}
