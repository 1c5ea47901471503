import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { bytes, progress } from '../report.ts';

// The client's gzipped bundle: a vite build into a temporary directory (client/dist is left
// alone), each JS and CSS asset gzipped at level 9 as a server or CDN would send it.

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface Asset {
  file: string;
  raw: number;
  gzip: number;
}

function assetsIn(dir: string): Asset[] {
  const out: Asset[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|mjs|css)$/.test(entry.name)) {
        const content = fs.readFileSync(full);
        out.push({ file: path.relative(dir, full), raw: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => b.gzip - a.gzip);
}

/** The assets index.html itself loads (scripts, module preloads, style sheets): the first page's cost. */
function loadedByIndex(dir: string): Set<string> {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  return new Set([...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|mjs|css))"/g)].map((m) => m[1]!));
}

export async function bundleSizes(): Promise<{ assets: Asset[]; initial: Set<string>; buildMs: number } | { error: string }> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-bench-client-'));
  try {
    progress('building the client with vite into a temporary directory…');
    const started = performance.now();
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    return { assets: assetsIn(outDir), initial: loadedByIndex(outDir), buildMs: performance.now() - started };
  } catch (err) {
    return { error: (err as Error).message.slice(0, 300) };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

export function formatBundle(result: Awaited<ReturnType<typeof bundleSizes>>): string {
  if ('error' in result) return `client bundle: build failed: ${result.error}`;
  const lines = ['| asset | size | gzip -9 |', '|---|---|---|'];
  for (const a of result.assets) lines.push(`| ${a.file}${result.initial.has(a.file) ? ' (index.html)' : ''} | ${bytes(a.raw)} | ${bytes(a.gzip)} |`);
  const first = result.assets.filter((a) => result.initial.has(a.file));
  const js = result.assets.filter((a) => !a.file.endsWith('.css'));
  const css = result.assets.filter((a) => a.file.endsWith('.css'));
  const sum = (xs: Asset[], k: 'raw' | 'gzip') => xs.reduce((s, a) => s + a[k], 0);
  lines.push(`| **all JS** (${js.length}) | ${bytes(sum(js, 'raw'))} | ${bytes(sum(js, 'gzip'))} |`);
  lines.push(`| **all CSS** (${css.length}) | ${bytes(sum(css, 'raw'))} | ${bytes(sum(css, 'gzip'))} |`);
  lines.push(`| **loaded by index.html** (${first.length}) | ${bytes(sum(first, 'raw'))} | ${bytes(sum(first, 'gzip'))} |`);
  return `**client bundle** (vite build in ${(result.buildMs / 1000).toFixed(1)} s)\n\n${lines.join('\n')}`;
}
