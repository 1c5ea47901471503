import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/ (its own Vite root) so plain `vite build` from the repo root
// works and writes client/dist, which the Express server serves with an SPA fallback.
const apiServer = 'http://localhost:8080';

export default defineConfig({
  // Absolute, so the build works from any working directory (npm start, tests, CI).
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified; a warning about it on every build is noise.
    chunkSizeWarningLimit: 1600,
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
