/**
 * @module
 * The one test suite every storage adapter passes. Each adapter's test file
 * calls `storeSuite` with a factory that opens a fresh, empty store.
 */

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Grant } from '../../shared/domain/access';
import { verifyAuditChain } from './audit-chain';
import type { ChangeNotice, Store } from './types';

const read = (unitId: string): Grant => ({ unitId, mode: 'read' });

export function storeSuite(name: string, open: () => Promise<Store>): void {
  describe(`storage adapter: ${name}`, () => {
    const opened: Store[] = [];
    async function fresh(): Promise<Store> {
      const s = await open();
      opened.push(s);
      return s;
    }
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it('writes records with fresh sequence numbers and reads them back', async () => {
      const s = await fresh();
      await s.transact((tx) =>
        tx.writeDocs('tickets', [
          { id: 't1', data: '{"id":"t1"}', grants: [read('u1')], origin: 'dev-a' },
          { id: 't2', data: '{"id":"t2"}', grants: [read('u1')], origin: 'dev-a' },
        ]),
      );
      const docs = await s.getDocs('tickets', ['t1', 't2', 'nope']);
      expect([...docs.keys()]).toEqual(['t1', 't2']);
      expect(docs.get('t2')?.seq).toBeGreaterThan(docs.get('t1')?.seq ?? Infinity);
      expect(await s.headSeq()).toBe(docs.get('t2')?.seq);
      expect(await s.allDocs('units')).toEqual([]);
    });

    it('pulls exactly what a unit is granted, and relay rows only for servers', async () => {
      const s = await fresh();
      await s.transact((tx) =>
        tx.writeDocs('contacts', [
          {
            id: 'c1',
            data: '{"id":"c1"}',
            grants: [read('centre'), { unitId: 'city', mode: 'relay' }],
            origin: 'x',
          },
          { id: 'c2', data: '{"id":"c2"}', grants: [read('town')], origin: 'x' },
        ]),
      );
      const base = { collection: 'contacts' as const, after: 0, limit: 100 };
      const ids = async (unitId: string, relay: boolean) =>
        (await s.pull({ ...base, unitId, subtreeHolders: [unitId], relay })).rows.map((r) => r.id);
      expect(await ids('centre', false)).toEqual(['c1']);
      expect(await ids('city', false)).toEqual([]);
      expect(await ids('city', true)).toEqual(['c1']);
      expect(await ids('town', false)).toEqual(['c2']);
    });

    it('reaches a whole subtree through one subtree grant', async () => {
      const s = await fresh();
      await s.transact((tx) =>
        tx.writeDocs('ydocs', [
          { id: 'kb1', data: '{}', grants: [{ unitId: 'county', mode: 'subtree' }], origin: 'x' },
        ]),
      );
      const pull = (unitId: string, holders: string[]) =>
        s.pull({
          collection: 'ydocs',
          unitId,
          subtreeHolders: holders,
          relay: false,
          after: 0,
          limit: 10,
        });
      expect((await pull('town', ['town', 'county', 'city'])).rows.map((r) => r.id)).toEqual([
        'kb1',
      ]);
      expect((await pull('other-town', ['other-town', 'other-county', 'city'])).rows).toEqual([]);
    });

    it('tombstones a record for a unit that lost access', async () => {
      const s = await fresh();
      await s.transact((tx) =>
        tx.writeDocs('contacts', [
          { id: 'c1', data: '{"v":1}', grants: [read('centre'), read('town')], origin: 'x' },
        ]),
      );
      const first = await s.pull({
        collection: 'contacts',
        unitId: 'town',
        subtreeHolders: ['town'],
        relay: false,
        after: 0,
        limit: 10,
      });
      expect(first.rows.map((r) => r.data)).toEqual(['{"v":1}']);
      await s.transact((tx) =>
        tx.writeDocs('contacts', [
          { id: 'c1', data: '{"v":2}', grants: [read('centre')], origin: 'x' },
        ]),
      );
      const next = await s.pull({
        collection: 'contacts',
        unitId: 'town',
        subtreeHolders: ['town'],
        relay: false,
        after: first.lastSeq,
        limit: 10,
      });
      expect(next.rows).toEqual([{ id: 'c1', seq: expect.any(Number), data: null }]);
      const centre = await s.pull({
        collection: 'contacts',
        unitId: 'centre',
        subtreeHolders: ['centre'],
        relay: false,
        after: 0,
        limit: 10,
      });
      expect(centre.rows.map((r) => r.data)).toEqual(['{"v":2}']);
    });

    it('skips a client’s own writes on its pull but still advances its checkpoint', async () => {
      const s = await fresh();
      await s.transact((tx) =>
        tx.writeDocs('tickets', [
          { id: 't1', data: '{}', grants: [read('u')], origin: 'tablet-1' },
        ]),
      );
      const q = {
        collection: 'tickets' as const,
        unitId: 'u',
        subtreeHolders: ['u'],
        relay: false,
        after: 0,
        limit: 10,
      };
      const own = await s.pull({ ...q, skipOrigin: 'tablet-1' });
      expect(own.rows).toEqual([]);
      expect(own.lastSeq).toBe(await s.headSeq());
      expect((await s.pull({ ...q, skipOrigin: 'tablet-2' })).rows).toHaveLength(1);
    });

    it('pages through any number of records by checkpoint, each exactly once', async () => {
      const s = await fresh();
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 1, max: 7 }),
          async (n, limit) => {
            const prefix = `p${n}-${limit}-`;
            await s.transact((tx) =>
              tx.writeDocs(
                'notices',
                Array.from({ length: n }, (_, i) => ({
                  id: `${prefix}${i}`,
                  data: '{}',
                  grants: [read(prefix)],
                  origin: 'x',
                })),
              ),
            );
            const seen: string[] = [];
            let after = 0;
            for (;;) {
              const page = await s.pull({
                collection: 'notices',
                unitId: prefix,
                subtreeHolders: [prefix],
                relay: false,
                after,
                limit,
              });
              seen.push(...page.rows.map((r) => r.id));
              if (page.lastSeq === after) break;
              after = page.lastSeq;
            }
            expect(seen.sort()).toEqual(
              Array.from({ length: n }, (_, i) => `${prefix}${i}`).sort(),
            );
          },
        ),
        { numRuns: 15 },
      );
    });

    it('rolls a failed transaction back whole', async () => {
      const s = await fresh();
      const head = await s.headSeq();
      await expect(
        s.transact(async (tx) => {
          await tx.writeDocs('tickets', [
            { id: 'doomed', data: '{}', grants: [read('u')], origin: 'x' },
          ]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await s.getDocs('tickets', ['doomed'])).size).toBe(0);
      await s.transact((tx) =>
        tx.writeDocs('tickets', [{ id: 'ok', data: '{}', grants: [read('u')], origin: 'x' }]),
      );
      expect((await s.getDocs('tickets', ['ok'])).get('ok')?.seq).toBe(head + 1);
    });

    it('sees its own writes inside a transaction', async () => {
      const s = await fresh();
      const inside = await s.transact(async (tx) => {
        await tx.writeDocs('tickets', [{ id: 't', data: '{"a":1}', grants: [], origin: 'x' }]);
        return (await tx.getDocs('tickets', ['t'])).get('t')?.data;
      });
      expect(inside).toBe('{"a":1}');
    });

    it('tells listeners which units a commit touched', async () => {
      const s = await fresh();
      const notices: ChangeNotice[] = [];
      const off = s.onChange((n) => notices.push(n));
      await s.transact((tx) =>
        tx.writeDocs('tickets', [
          { id: 't', data: '{}', grants: [read('a'), read('b')], origin: 'x' },
        ]),
      );
      await new Promise((r) => setTimeout(r, 300));
      off();
      expect(notices).toHaveLength(1);
      expect(notices[0]?.collection).toBe('tickets');
      expect(new Set(notices[0]?.units)).toEqual(new Set(['a', 'b']));
    });

    it('sends one notice per collection per commit, naming units that lost access', async () => {
      const s = await fresh();
      await s.transact((tx) =>
        tx.writeDocs('contacts', [{ id: 'c', data: '{}', grants: [read('old')], origin: 'x' }]),
      );
      await new Promise((r) => setTimeout(r, 300));
      const notices: ChangeNotice[] = [];
      const off = s.onChange((n) => notices.push(n));
      await s.transact(async (tx) => {
        await tx.writeDocs('tickets', [{ id: 't', data: '{}', grants: [read('a')], origin: 'x' }]);
        await tx.writeDocs('contacts', [
          { id: 'c', data: '{}', grants: [read('new')], origin: 'x' },
        ]);
        await tx.writeDocs('tickets', [{ id: 'u', data: '{}', grants: [read('b')], origin: 'x' }]);
      });
      await new Promise((r) => setTimeout(r, 300));
      off();
      const head = await s.headSeq();
      const sorted = notices
        .map((n) => ({ ...n, units: [...(n.units ?? [])].sort() }))
        .sort((p, q) => p.collection.localeCompare(q.collection));
      expect(sorted).toEqual([
        { collection: 'contacts', seq: head, units: ['new', 'old'] },
        { collection: 'tickets', seq: head, units: ['a', 'b'] },
      ]);
    });

    it('applies a record written twice in one call in order', async () => {
      const s = await fresh();
      await s.transact((tx) =>
        tx.writeDocs('tickets', [
          { id: 't', data: '{"v":1}', grants: [read('a'), read('a')], origin: 'x' },
          { id: 't', data: '{"v":2}', grants: [read('b')], origin: 'y' },
        ]),
      );
      const head = await s.headSeq();
      expect(head).toBe(2);
      expect((await s.getDocs('tickets', ['t'])).get('t')).toEqual({
        id: 't',
        seq: 2,
        data: '{"v":2}',
        origin: 'y',
      });
      const pull = (unitId: string) =>
        s.pull({
          collection: 'tickets',
          unitId,
          subtreeHolders: [unitId],
          relay: false,
          after: 0,
          limit: 10,
        });
      expect((await pull('a')).rows).toEqual([{ id: 't', seq: 2, data: null }]);
      expect((await pull('b')).rows).toEqual([{ id: 't', seq: 2, data: '{"v":2}' }]);
    });

    it('keeps meta values', async () => {
      const s = await fresh();
      expect(await s.getMeta('k')).toBeNull();
      await s.setMeta('k', 'v1');
      await s.setMeta('k', 'v2');
      expect(await s.getMeta('k')).toBe('v2');
    });

    it('lets a refresh token be used once and revokes its family', async () => {
      const s = await fresh();
      const row = {
        id: 'rt1',
        family: 'f1',
        userId: 'u',
        deviceId: 'd',
        expiresAt: 10,
        usedAt: null,
        revoked: false,
      };
      await s.putRefreshToken(row);
      await s.putRefreshToken({ ...row, id: 'rt2' });
      expect(await s.useRefreshToken('rt1', 5)).toBe(true);
      expect(await s.useRefreshToken('rt1', 6)).toBe(false);
      await s.revokeFamily('f1');
      expect((await s.getRefreshToken('rt2'))?.revoked).toBe(true);
      expect(await s.getRefreshToken('nope')).toBeNull();
    });

    it('registers and revokes devices', async () => {
      const s = await fresh();
      const d = {
        id: 'd1',
        userId: 'u',
        unitId: 'c',
        code: '01',
        centreId: 'c',
        name: 'tablet',
        createdAt: 1,
        revokedAt: null,
      };
      await s.putDevice(d);
      await s.putDevice({ ...d, id: 'd2', code: '02' });
      expect((await s.devicesOfCentre('c')).map((x) => x.code)).toEqual(['01', '02']);
      // a code is unique within its centre: ticket numbers depend on it
      await expect(s.putDevice({ ...d, id: 'd3', code: '02' })).rejects.toThrow();
      await s.putDevice({ ...d, id: 'd4', code: '02', centreId: 'other' });
      await s.putRefreshToken({
        id: 'rt',
        family: 'f',
        userId: 'u',
        deviceId: 'd1',
        expiresAt: 9,
        usedAt: null,
        revoked: false,
      });
      await s.revokeDevice('d1', 7);
      await s.revokeDeviceTokens('d1');
      expect((await s.getDevice('d1'))?.revokedAt).toBe(7);
      expect((await s.getRefreshToken('rt'))?.revoked).toBe(true);
    });

    it('chains the audit log so an edit is detected', async () => {
      const s = await fresh();
      await s.transact((tx) =>
        tx.appendAudit([
          { at: 1, actor: 'u1', action: 'login', target: 'u1', detail: '' },
          { at: 2, actor: 'u1', action: 'read_contact', target: 't1', detail: '' },
        ]),
      );
      await s.transact((tx) =>
        tx.appendAudit([{ at: 3, actor: 'u2', action: 'push', target: 'tickets', detail: '3' }]),
      );
      const rows = await s.auditAll();
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(verifyAuditChain(rows)).toBeNull();
      const forged = rows.map((r) => (r.seq === 2 ? { ...r, target: 't9' } : r));
      expect(verifyAuditChain(forged)).toBe(2);
      expect((await s.auditTail(1)).map((r) => r.seq)).toEqual([3]);
    });
  });
}
