/**
 * @module
 * Vitest global setup for the e2e project: builds the PWA once per run into
 * a temporary folder (so `dist/client` of a running `npm start` is left
 * alone) and hands its path to the tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumAvailable } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the built app, or '' when Chromium is missing and nothing was built */
    e2eStaticDir: string;
  }
}

let outDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (!chromiumAvailable()) {
    project.provide('e2eStaticDir', '');
    return;
  }
  const root = join(import.meta.dirname, '../../..');
  outDir = mkdtempSync(join(tmpdir(), 'lianxin-e2e-app-'));
  const { build } = await import('vite');
  await build({
    configFile: join(root, 'vite.config.ts'),
    root: join(root, 'client'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  project.provide('e2eStaticDir', outDir);
}

export function teardown(): void {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}
