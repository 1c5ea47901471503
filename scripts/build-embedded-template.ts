import { openEmbedded } from '../server/src/db/embedded-driver.ts';
import { installedPackages, TEMPLATE_DIR, TEMPLATE_EXTENSIONS, writeTemplate } from '../server/src/db/embedded-template.ts';

// `npm run build-embedded-template`: makes data/embedded/ anew from the installed PGlite and PostGIS
// packages (after upgrading either of them). The template is an empty database with the extensions
// created; the schema and the demo are applied on first start as usual.
const started = Date.now();
console.log('creating an embedded database with', TEMPLATE_EXTENSIONS.join(', '), '…');
const db = await openEmbedded({ dataDir: undefined, queryTimeoutMs: 600_000, template: false });
try {
  for (const extension of TEMPLATE_EXTENSIONS) await db.exec(`create extension if not exists ${extension}`);
  await db.exec('checkpoint'); // the copy starts with nothing to replay
  const tar = Buffer.from(await (await db.dump()).arrayBuffer());
  const bytes = await writeTemplate(tar, { packages: installedPackages(), extensions: TEMPLATE_EXTENSIONS });
  console.log(`wrote ${TEMPLATE_DIR} (${(bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await db.close();
}
