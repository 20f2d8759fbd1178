import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Grant } from '../../shared/domain/access';
import { createTestDatabase } from './pg-test-db';
import { openPostgresStore } from './postgres';
import { storeSuite } from './store.suite';
import type { ChangeNotice, DocWrite, Store } from './types';

const db = await createTestDatabase();
const read = (unitId: string): Grant => ({ unitId, mode: 'read' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await sleep(10);
}

if (!db) {
  describe.skip('storage adapter: postgres (PostgreSQL is not running, see the warning above)', () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  const url = db.url;
  const resetter = new pg.Client({ connectionString: url });
  await resetter.connect();
  afterAll(async () => {
    await resetter.end();
    await db.drop();
  });

  /** A store on an emptied database: tables are created by the first open. */
  async function openEmpty(): Promise<Store> {
    const s = await openPostgresStore({ connectionString: url, poolSize: 4 });
    await resetter.query(
      `TRUNCATE docs, access, meta, refresh_tokens, devices, audit; UPDATE counters SET value = 0`,
    );
    return s;
  }

  storeSuite('postgres', openEmpty);

  describe('postgres: several server processes on one database', () => {
    const opened: Store[] = [];
    /** Two stores with their own pools and listeners, as two processes would have. */
    async function twoProcesses(): Promise<[Store, Store]> {
      const a = await openEmpty();
      const b = await openPostgresStore({ connectionString: url, poolSize: 4 });
      opened.push(a, b);
      return [a, b];
    }
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it('serves every record exactly once to a reader paging while both write', async () => {
      const [a, b] = await twoProcesses();
      // A third process serves the pulls, so they do not queue behind the writers.
      const reader = await openPostgresStore({ connectionString: url, poolSize: 1 });
      opened.push(reader);
      const perTx = 3;
      const txs = 40;
      let writing = true;
      const writers = Promise.all(
        Array.from({ length: txs }, (_, t) =>
          (t % 2 === 0 ? a : b).transact(async (tx) => {
            await sleep(Math.random() * 5);
            await tx.writeDocs(
              'tickets',
              Array.from({ length: perTx }, (_, i) => ({
                id: `t${t}-${i}`,
                data: '{}',
                grants: [read('u')],
                origin: t % 2 === 0 ? 'a' : 'b',
              })),
            );
            // Hold the transaction open after taking numbers: a scheme that
            // let a later number commit first would be caught by the reader.
            await sleep(Math.random() * 15);
          }),
        ),
      ).finally(() => {
        writing = false;
      });

      const seen: string[] = [];
      let after = 0;
      const page = async () => {
        const p = await reader.pull({
          collection: 'tickets',
          unitId: 'u',
          subtreeHolders: ['u'],
          relay: false,
          after,
          limit: 4,
        });
        for (const row of p.rows) expect(row.seq).toBeGreaterThan(after);
        seen.push(...p.rows.map((r) => r.id));
        const moved = p.lastSeq !== after;
        after = p.lastSeq;
        return moved;
      };
      while (writing) if (!(await page())) await sleep(1);
      await writers;
      while (await page());

      const expected = Array.from({ length: txs * perTx }, (_, n) => {
        return `t${Math.floor(n / perTx)}-${n % perTx}`;
      });
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(expected.sort());
      const seqs = (await a.allDocs('tickets')).map((d) => d.seq);
      expect(seqs).toEqual(Array.from({ length: txs * perTx }, (_, i) => i + 1));
      expect(await b.headSeq()).toBe(txs * perTx);
    });

    it('merges concurrent read-modify-writes of one record without losing an append', async () => {
      const [a, b] = await twoProcesses();
      const appendTo = (s: Store, id: string, tag: string) =>
        s.transact(async (tx) => {
          const current = (await tx.getDocs('tickets', [id])).get(id);
          const list: string[] = current ? JSON.parse(current.data) : [];
          await sleep(Math.random() * 3);
          list.push(tag);
          await tx.writeDocs('tickets', [
            { id, data: JSON.stringify(list), grants: [read('u')], origin: tag },
          ]);
        });
      const tags = Array.from({ length: 30 }, (_, i) => `p${i}`);
      await Promise.all(
        tags.flatMap((tag, i) => [
          appendTo(i % 2 === 0 ? a : b, 'shared', tag),
          appendTo(i % 2 === 0 ? b : a, 'other', tag),
        ]),
      );
      const docs = await a.getDocs('tickets', ['shared', 'other']);
      expect(JSON.parse(docs.get('shared')?.data ?? '[]').sort()).toEqual([...tags].sort());
      expect(JSON.parse(docs.get('other')?.data ?? '[]').sort()).toEqual([...tags].sort());
    });

    it('wakes another process’s listeners through LISTEN/NOTIFY, and its own once', async () => {
      const [a, b] = await twoProcesses();
      const atA: ChangeNotice[] = [];
      const atB: ChangeNotice[] = [];
      a.onChange((n) => atA.push(n));
      b.onChange((n) => atB.push(n));
      await a.transact(async (tx) => {
        await tx.writeDocs('tickets', [{ id: 't', data: '{}', grants: [read('x')], origin: 'o' }]);
        await tx.writeDocs('contacts', [{ id: 'c', data: '{}', grants: [read('y')], origin: 'o' }]);
      });
      await until(() => atA.length >= 2 && atB.length >= 2);
      await sleep(100);
      const head = await a.headSeq();
      const byCollection = (ns: ChangeNotice[]) =>
        [...ns].sort((p, q) => p.collection.localeCompare(q.collection));
      const expected = [
        { collection: 'contacts', seq: head, units: ['y'] },
        { collection: 'tickets', seq: head, units: ['x'] },
      ];
      expect(byCollection(atB)).toEqual(expected);
      expect(byCollection(atA)).toEqual(expected);
    });

    it('sends units: null when the list would not fit in a NOTIFY payload', async () => {
      const [a, b] = await twoProcesses();
      const atB: ChangeNotice[] = [];
      b.onChange((n) => atB.push(n));
      const grants = Array.from({ length: 300 }, (_, i) => read(`unit-with-a-long-id-${i}`));
      await a.transact((tx) =>
        tx.writeDocs('tickets', [{ id: 't', data: '{}', grants, origin: 'o' }]),
      );
      await until(() => atB.length >= 1);
      expect(atB).toEqual([{ collection: 'tickets', seq: 1, units: null }]);
    });

    it('writes 10,000 records in one call and tombstones them in bulk', async () => {
      const [a] = await twoProcesses();
      const body = JSON.stringify({ text: '市民反映小区路灯不亮'.repeat(50) });
      const writes = (grants: Grant[]): DocWrite[] =>
        Array.from({ length: 10_000 }, (_, i) => ({
          id: `t${i}`,
          data: body,
          grants,
          origin: 'o',
        }));
      await a.transact((tx) =>
        tx.writeDocs('tickets', writes([read('centre'), read('town'), read('city')])),
      );
      await a.transact((tx) => tx.writeDocs('tickets', writes([read('centre'), read('city')])));
      const pullAll = async (unitId: string) => {
        const rows = [];
        let after = 0;
        for (;;) {
          const p = await a.pull({
            collection: 'tickets',
            unitId,
            subtreeHolders: [unitId],
            relay: false,
            after,
            limit: 5000,
          });
          if (p.lastSeq === after) return rows;
          rows.push(...p.rows);
          after = p.lastSeq;
        }
      };
      const town = await pullAll('town');
      expect(town).toHaveLength(10_000);
      expect(town.every((r) => r.data === null && r.seq > 10_000)).toBe(true);
      const centre = await pullAll('centre');
      expect(centre).toHaveLength(10_000);
      expect(centre.every((r) => r.data === body)).toBe(true);
      expect(await a.headSeq()).toBe(20_000);
    });
  });

  describe('postgres: opening', () => {
    it('creates the tables once when several processes open a new database at once', async () => {
      const fresh = await createTestDatabase();
      if (!fresh) throw new Error('PostgreSQL went away');
      try {
        const stores = await Promise.all(
          Array.from({ length: 4 }, () =>
            openPostgresStore({ connectionString: fresh.url, poolSize: 1 }),
          ),
        );
        await stores[0]?.transact((tx) =>
          tx.writeDocs('units', [{ id: 'u', data: '{}', grants: [], origin: 'o' }]),
        );
        expect(await stores[3]?.headSeq()).toBe(1);
        for (const s of stores) await s.close();
      } finally {
        await fresh.drop();
      }
    });
  });
}
