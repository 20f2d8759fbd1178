/**
 * @module
 * Draws the app icons (a white 连 on a red rounded square) as SVG and
 * rasterizes them with Debian's Chromium into `public/`. The PNGs are
 * committed; run this again only to change the design:
 * `npx tsx tests/e2e/support/render-icons.ts` (needs a CJK font, e.g. fonts-noto-cjk).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser';

const RED = '#b4232a';
const FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif";

/**
 * `rounded`: the "any" icon, transparent corners. `full`: full-bleed red for
 * maskable and Apple icons; the glyph stays inside the 80 % safe zone.
 */
function iconSvg(size: number, shape: 'rounded' | 'full'): string {
  const radius = shape === 'rounded' ? size * 0.22 : 0;
  const glyph = shape === 'rounded' ? size * 0.62 : size * 0.5;
  const ring = shape === 'rounded' ? size * 0.035 : 0;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="#c4262e"/><stop offset="1" stop-color="#9e1d23"/></linearGradient></defs>
  <rect width="${size}" height="${size}" rx="${radius}" fill="url(#g)"/>
  ${ring ? `<rect x="${ring}" y="${ring}" width="${size - 2 * ring}" height="${size - 2 * ring}" rx="${radius - ring}" fill="none" stroke="#ffffff" stroke-opacity="0.18" stroke-width="${size * 0.012}"/>` : ''}
  <text x="50%" y="50%" dy="0.35em" text-anchor="middle" fill="#ffffff" font-family="${FONT}" font-weight="700" font-size="${glyph}">连</text>
</svg>`;
}

async function main() {
  const out = join(import.meta.dirname, '../../../public');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const targets: [string, number, 'rounded' | 'full'][] = [
    ['pwa-192.png', 192, 'rounded'],
    ['pwa-512.png', 512, 'rounded'],
    ['maskable-512.png', 512, 'full'],
    ['apple-touch-icon-180.png', 180, 'full'],
  ];
  for (const [file, size, shape] of targets) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${iconSvg(size, shape)}</body></html>`,
    );
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(out, file), omitBackground: true });
    console.log(`wrote public/${file}`);
  }
  writeFileSync(join(out, 'favicon.svg'), `${iconSvg(64, 'rounded')}\n`);
  console.log(`wrote public/favicon.svg (RED ${RED})`);
  await browser.close();
}

await main();
