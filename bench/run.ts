/**
 * `npm run bench`: runs every `bench/*.bench.ts`, one process each, in name
 * order. Figures are reported, never enforced: only a crash fails the run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file)], {
    cwd: path.resolve(dir, '..'),
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    failed += 1;
    console.error(`${file} crashed (exit ${run.status ?? run.signal})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
