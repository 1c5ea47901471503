import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm start`: build the client when its sources are newer than the last build, then run the server.
const root = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = path.join(root, 'client/dist/index.html');

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

const sources = ['client/src', 'client/index.html', 'client/public', 'vite.config.ts', 'package-lock.json'];
const sourceTime = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (newestMtime(builtIndex) < sourceTime) {
  console.log('构建前端 (building the client, with compressed copies of its files; 5–30 s)…');
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`      client built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await import('../server/src/main.ts');
