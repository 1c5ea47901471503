import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  installedPackages,
  loadTemplate,
  readTemplateManifest,
  templateMismatch,
  TEMPLATE_DIR,
} from '../../server/src/db/embedded-template.ts';

// The committed empty PostGIS database a first start unpacks instead of creating one (~15 s).

describe('the embedded database template', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-template-test-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('was made with the installed PGlite and PostGIS packages (run npm run build-embedded-template after upgrading them)', () => {
    expect(templateMismatch(readTemplateManifest())).toBeUndefined();
  });

  it('unpacks to a PGlite data directory', async () => {
    const blob = await loadTemplate(() => expect.unreachable());
    const tar = Buffer.from(await blob!.arrayBuffer());
    // A tar archive: the ustar magic of its first entry, and the directory's version file inside.
    expect(tar.subarray(257, 262).toString()).toBe('ustar');
    expect(tar.includes(Buffer.from('PG_VERSION'))).toBe(true);
    // Decompressing the template takes a few seconds on a busy machine: not a speed test.
  }, 60_000);

  it('is not used, with a hint to rebuild it, when it was made with other package versions', async () => {
    const manifest = readTemplateManifest()!;
    const stale = { ...manifest, packages: { ...installedPackages(), '@electric-sql/pglite': '0.0.1' } };
    fs.copyFileSync(path.join(TEMPLATE_DIR, 'postgis-template.tar.br'), path.join(scratch, 'postgis-template.tar.br'));
    fs.writeFileSync(path.join(scratch, 'postgis-template.json'), JSON.stringify(stale));
    const logged: string[] = [];
    expect(await loadTemplate((line) => logged.push(line), scratch)).toBeUndefined();
    expect(logged.join('\n')).toMatch(/@electric-sql\/pglite 0\.0\.1, .* is installed[\s\S]*npm run build-embedded-template/);
  });

  it('is not used when it is missing', async () => {
    const logged: string[] = [];
    expect(await loadTemplate((line) => logged.push(line), path.join(scratch, 'nowhere'))).toBeUndefined();
    expect(logged.join('\n')).toContain('there is no template');
  });
});
