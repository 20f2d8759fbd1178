import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// The PWA: source in client/, static assets in public/, built into dist/client,
// which the sync server serves.
export default defineConfig({
  root: 'client',
  publicDir: '../public',
  plugins: [solid()],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
});
