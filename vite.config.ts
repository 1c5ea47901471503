import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/ (its own Vite root) so plain `vite build` from the repo root
// works and writes client/dist, which the Express server serves with an SPA fallback.
const apiServer = 'http://localhost:8080';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Text assets worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|wasm|txt)$/;
/** Within 2% of brotli's maximum (11) in 40% of its time: a first `npm start` builds too. */
const BROTLI_QUALITY = 10;
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes `name.br` and `name.gz` beside each built asset, once, at strong levels: the
 * server sends them as they are (client/dist/assets is immutable), instead of compressing the
 * same megabytes on every request at the fast level it uses for API answers.
 */
function precompress(): Plugin {
  let assetsDir = '';
  return {
    name: 'wgdj-precompress',
    apply: 'build',
    configResolved(config) {
      assetsDir = path.resolve(config.root, config.build.outDir, config.build.assetsDir);
    },
    async closeBundle(error?: Error) {
      // A failed build has no assets: let its own error be the one reported.
      if (error) return;
      const names = (await fs.readdir(assetsDir)).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        names.map(async (name) => {
          const file = path.join(assetsDir, name);
          const content = await fs.readFile(file);
          if (content.length < MIN_BYTES) return;
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  // Absolute, so the build works from any working directory (npm start, tests, CI).
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // The map library and the coverage workspace's WebGL layers (with mjolnir.js, the input library
        // deck.gl builds its constants from at load: apart, its chunk could run first and find it
        // undefined, "t is not a constructor") change far less often than
        // the app: in chunks of their own they stay cached across the app's releases.
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /[\\/]node_modules[\\/]maplibre-gl[\\/]/ },
            { name: 'deckgl', test: /[\\/]node_modules[\\/](@(deck|luma|loaders|math)\.gl|mjolnir\.js)[\\/]/, includeDependenciesRecursively: false },
          ],
        },
      },
    },
    // maplibre-gl is one prebuilt module of about 1 MB minified that cannot be split further; every
    // other chunk is well below the default 500 kB, and one that grows past it still warns.
    chunkSizeWarningLimit: 1100,
  },
  server: {
    // In development the API, tiles and OGC endpoints come from the Express server.
    proxy: {
      '/api': apiServer,
      '/tiles': apiServer,
      '/ogc': apiServer,
    },
  },
});
