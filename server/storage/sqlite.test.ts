import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite';
import { storeSuite } from './store.suite';

const dir = mkdtempSync(join(tmpdir(), 'lianxin-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeSuite('sqlite', async () => openSqliteStore(join(dir, `store-${++n}.sqlite`)));

describe('sqlite file', () => {
  it('keeps committed records across a reopen, with WAL and synchronous=FULL', async () => {
    const path = join(dir, 'reopen.sqlite');
    const a = openSqliteStore(path);
    await a.transact((tx) =>
      tx.writeDocs('tickets', [{ id: 't', data: '{"x":1}', grants: [], origin: 'o' }]),
    );
    await a.close();
    const b = openSqliteStore(path);
    expect((await b.getDocs('tickets', ['t'])).get('t')?.data).toBe('{"x":1}');
    expect(await b.headSeq()).toBe(1);
    await b.close();
  });
});
