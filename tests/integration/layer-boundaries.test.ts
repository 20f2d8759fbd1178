/**
 * The layer rule (shared/ is pure and imports neither client/ nor server/;
 * client/ and server/ never import each other) is enforced by the project's
 * own linter configuration. This test runs the real Biome with the real
 * biome.json over probe files that break the rule, so a config edit that
 * silently drops the rule fails the suite.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'lianxin-boundaries-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const probes: Record<string, string> = {
  'shared/domain/uses-fs.ts':
    "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
  'shared/domain/uses-sqlite.ts':
    "import Database from 'better-sqlite3';\nexport const x = Database;\n",
  'shared/domain/uses-server.ts':
    "import { app } from '../../server/app';\nexport const x = app;\n",
  'shared/domain/uses-client.ts':
    "import { db } from '../../client/data/db';\nexport const x = db;\n",
  'client/uses-server.ts': "import { app } from '../server/app';\nexport const x = app;\n",
  'server/uses-client.ts': "import { db } from '../client/data/db';\nexport const x = db;\n",
  'server/uses-shared.ts':
    "import { foldTicket } from '../shared/domain/ticket/fold';\nexport const x = foldTicket;\n",
  'client/uses-shared.ts':
    "import { foldTicket } from '../shared/domain/ticket/fold';\nexport const x = foldTicket;\n",
  'shared/domain/uses-zod.ts': "import { z } from 'zod';\nexport const x = z;\n",
};

interface Diagnostic {
  category: string;
  location: { path: string };
}

function lintProbes(): Diagnostic[] {
  copyFileSync(join(root, 'biome.json'), join(work, 'biome.json'));
  for (const [path, source] of Object.entries(probes)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), source);
  }
  let out: string;
  try {
    out = execFileSync(
      join(root, 'node_modules/.bin/biome'),
      ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', '.'],
      { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (e) {
    // Biome exits non-zero when it finds errors, which is what we want here.
    out = (e as { stdout: string }).stdout;
  }
  const json = out.slice(out.indexOf('{'));
  return (JSON.parse(json) as { diagnostics: Diagnostic[] }).diagnostics;
}

describe('layer boundaries are enforced by the linter', () => {
  const diagnostics = lintProbes();
  const flagged = new Set(
    diagnostics
      .filter((d) => d.category === 'lint/style/noRestrictedImports')
      .map((d) => d.location.path),
  );

  it.each([
    ['shared/domain/uses-fs.ts', true],
    ['shared/domain/uses-sqlite.ts', true],
    ['shared/domain/uses-server.ts', true],
    ['shared/domain/uses-client.ts', true],
    ['client/uses-server.ts', true],
    ['server/uses-client.ts', true],
    ['server/uses-shared.ts', false],
    ['client/uses-shared.ts', false],
    ['shared/domain/uses-zod.ts', false],
  ])('%s refused=%s', (path, refused) => {
    expect(flagged.has(path)).toBe(refused);
  });
});
