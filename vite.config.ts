import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

// The PWA: source in client/, static assets in public/, built into dist/client,
// which the sync server serves. The service worker precaches the app shell so
// a tablet opens it with no network; it never caches the API.
export default defineConfig({
  root: 'client',
  publicDir: '../public',
  plugins: [
    solid(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt', // client/app/pwa.ts asks before reloading into a new version
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon-180.png'],
      manifest: {
        id: '/',
        name: '连心·政务服务热线工单',
        short_name: '连心',
        description: '政务服务热线工单系统：受理、派单、办理、回访，断网可用',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#b4232a',
        background_color: '#f4f3ef',
        categories: ['government', 'productivity', 'business'],
        icons: [
          { src: '/pwa-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/pwa-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        navigateFallback: '/index.html',
        // Only app routes fall back to the shell; the API always goes to the network.
        navigateFallbackDenylist: [/^\/api\//],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
});
