/**
 * @module
 * The shared benchmark data (`../shared/bench/gen.js`: 10,000 seeded hotline
 * tickets, 1.75 KB each) mapped onto Lianxin's own records, so Lianxin's sync
 * moves the same tickets as the peers in DESIGN.md ("Performance targets").
 *
 * Every ticket is taken by the county centre `c01-k01` of the demo network
 * (so one county centre sees all of them) and handled by one of its
 * townships. gen.js's events map one to one, in their order and with their
 * times and Chinese notes:
 *
 * | gen.js   | path A (odd hash: straight)        | path B (even hash: wrong unit first) |
 * |----------|------------------------------------|--------------------------------------|
 * | 受理     | created (operator)                 | created (operator)                   |
 * | 派单     | dispatched → township (dispatcher) | dispatched → county department       |
 * | 签收     | signed (township handler)          | returned (department handler)        |
 * | 退回     | noted (township handler)           | return_reviewed upheld (dispatcher)  |
 * | 延期申请 | extension_requested (handler)      | dispatched → township (dispatcher)   |
 * | 联系市民 | noted (township handler)           | signed (township handler)            |
 * | 现场核查 | noted (township handler)           | noted (township handler)             |
 * | 回复     | replied final (unit reviewer)      | replied final (unit reviewer)        |
 * | 办结     | reviewed accept (dispatcher)       | reviewed accept (dispatcher)         |
 *
 * gen.js gives 7–9 events, so its 10th type (回访 → callback_done) never
 * occurs; tickets end handling, pending centre review or pending callback.
 * gen.js has no caller fields: each ticket gets a seeded caller (name, mobile
 * number, the incident address from its description) as a `contacts` record,
 * and the `created` event carries that number's caller key.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkingCalendar } from '../shared/domain/calendar';
import { callerKey } from '../shared/domain/caller-key';
import { ticketDocFromEvents } from '../shared/domain/ticket/projection';
import { shanghaiDayCode } from '../shared/domain/ticket-number';
import { TOPICS } from '../shared/domain/topics';
import { formatHlc } from '../shared/lib/hlc';
import type { CallerContact } from '../shared/schema/records';
import type { TicketDoc } from '../shared/schema/ticket-doc';
import type { TicketCategory } from '../shared/schema/ticket-enums';
import type { Actor, TicketEvent } from '../shared/schema/ticket-event';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GEN_JS = path.resolve(REPO_ROOT, '../shared/bench/gen.js');
export const DATA_DIR = path.join(REPO_ROOT, 'bench', 'data');

/** One ticket as gen.js writes it. */
export interface GenTicket {
  _id: string;
  type: 'ticket';
  category: string;
  topic: string;
  description: string;
  area: string;
  createdAt: string;
  status: string;
  assignedUnit: string;
  events: { id: string; type: string; unit: string; author: string; at: string; note: string }[];
}

/** Runs gen.js once into `bench/data/` (git-ignored) and reads its tickets. */
export function loadGenTickets(count = 10_000, seed = 20240601): GenTicket[] {
  const out = path.join(DATA_DIR, `tickets-${count}-${seed}.json`);
  if (!existsSync(out)) {
    mkdirSync(DATA_DIR, { recursive: true });
    execFileSync(process.execPath, [GEN_JS, String(count), String(seed), out], {
      stdio: 'ignore',
    });
  }
  return JSON.parse(readFileSync(out, 'utf8')) as GenTicket[];
}

export const CENTRE = 'c01-k01';
export const CENTRE_CODE = '1101';
export const TOWNSHIPS = [1, 2, 3, 4, 5].map((n) => `${CENTRE}-t0${n}`);
export const DEPARTMENTS = [1, 2, 3, 4, 5].map((n) => `${CENTRE}-d0${n}`);
export const NETWORK_SECRET = 'lianxin-demo-network-secret';

const CATEGORIES: Record<string, TicketCategory> = {
  咨询: 'consult',
  求助: 'help',
  投诉: 'complaint',
  举报: 'report',
  建议: 'suggestion',
  表扬: 'praise',
  其他: 'other',
};

const TOPIC_GROUP_ZH: Record<string, string> = {
  utilities: '公用事业',
  housing: '住房建设',
  urban: '城市管理',
  transport: '交通出行',
  labour: '人力社保',
  health: '医疗卫生',
  education: '教育',
  market: '市场监管',
  environment: '生态资源',
  security: '公安',
  civil: '民政',
  other: '其他',
};

function similarity(a: string, b: string): number {
  const bigrams = (s: string) => new Set([...s].slice(1).map((c, i) => (s[i] ?? '') + c));
  const ba = bigrams(a);
  let score = 0;
  for (const g of bigrams(b)) if (ba.has(g)) score += 2;
  for (const c of new Set(b)) if (a.includes(c)) score += 1;
  if (a.includes(b) || b.includes(a)) score += 4;
  return score;
}

const topicCache = new Map<string, string>();
/** The topic code whose name (or group name) is closest to gen.js's topic; `other` below 2 points. */
export function topicCodeFor(genTopic: string): string {
  const cached = topicCache.get(genTopic);
  if (cached) return cached;
  let best = 'other';
  let bestScore = 1;
  for (const t of TOPICS) {
    const score = Math.max(
      similarity(genTopic, t.zh),
      similarity(genTopic, TOPIC_GROUP_ZH[t.group] ?? '') - 1,
    );
    if (score > bestScore) {
      best = t.code;
      bestScore = score;
    }
  }
  topicCache.set(genTopic, best);
  return best;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟'];

export interface MappedTicket {
  doc: TicketDoc;
  contact: CallerContact;
}

/** Maps one gen.js ticket; `numbers` counts ticket numbers per Shanghai day. */
export function mapGenTicket(
  g: GenTicket,
  calendar: WorkingCalendar,
  numbers: Map<string, number>,
): MappedTicket {
  const ticketId = g._id;
  const h = hash(ticketId);
  const town = TOWNSHIPS[hash(g.area) % TOWNSHIPS.length] as string;
  const wrongUnit = DEPARTMENTS[h % DEPARTMENTS.length] as string;
  const straight = h % 2 === 1;
  const op: Actor = { userId: `${CENTRE}-op`, role: 'operator', unitId: CENTRE };
  const disp: Actor = { userId: `${CENTRE}-disp`, role: 'dispatcher', unitId: CENTRE };
  const handler = (u: string): Actor => ({ userId: `${u}-h`, role: 'handler', unitId: u });
  const reviewer: Actor = { userId: `${town}-r`, role: 'unit_reviewer', unitId: town };

  const first = g.events[0];
  if (!first) throw new Error(`${ticketId}: no events`);
  const createdMs = Date.parse(first.at);
  const day = shanghaiDayCode(createdMs);
  const n = (numbers.get(day) ?? 0) + 1;
  numbers.set(day, n);
  const phone = `13${String(h % 1_000_000_000).padStart(9, '0')}`;
  const location = (g.description.split('，')[1] ?? g.area).slice(0, 200);
  const key = callerKey(phone, NETWORK_SECRET);

  const events: TicketEvent[] = [];
  g.events.forEach((ge, k) => {
    const at = formatHlc({ millis: Date.parse(ge.at), counter: 0, node: 'import' });
    const base = { id: ge.id, ticketId, at };
    const note = ge.note;
    switch (k) {
      case 0:
        events.push({
          ...base,
          type: 'created',
          actor: op,
          data: {
            number: `${CENTRE_CODE}-${day}-01-${String(n).padStart(4, '0')}`,
            channel: 'phone',
            category: CATEGORIES[g.category] ?? 'other',
            topic: topicCodeFor(g.topic),
            areaId: town,
            location,
            description: g.description,
            urgency: 'normal',
            confidential: false,
            confidentialityWaived: false,
            callerKey: key,
          },
        });
        return;
      case 1:
        events.push({
          ...base,
          type: 'dispatched',
          actor: disp,
          data: {
            mode: 'time_limited',
            units: [{ unitId: straight ? town : wrongUnit, lead: true }],
            note,
          },
        });
        return;
      case 2:
        events.push(
          straight
            ? { ...base, type: 'signed', actor: handler(town), data: { unitId: town } }
            : {
                ...base,
                type: 'returned',
                actor: handler(wrongUnit),
                data: { unitId: wrongUnit, reason: 'not_our_duty', note },
              },
        );
        return;
      case 3:
        events.push(
          straight
            ? { ...base, type: 'noted', actor: handler(town), data: { text: note } }
            : {
                ...base,
                type: 'return_reviewed',
                actor: disp,
                data: { unitId: wrongUnit, decision: 'upheld', note },
              },
        );
        return;
      case 4:
        events.push(
          straight
            ? {
                ...base,
                type: 'extension_requested',
                actor: handler(town),
                data: { unitId: town, days: 5, reason: note },
              }
            : {
                ...base,
                type: 'dispatched',
                actor: disp,
                data: { mode: 'time_limited', units: [{ unitId: town, lead: true }], note },
              },
        );
        return;
      case 5:
        events.push(
          straight
            ? { ...base, type: 'noted', actor: handler(town), data: { text: note } }
            : { ...base, type: 'signed', actor: handler(town), data: { unitId: town } },
        );
        return;
      case 6:
        events.push({ ...base, type: 'noted', actor: handler(town), data: { text: note } });
        return;
      case 7:
        events.push({
          ...base,
          type: 'replied',
          actor: reviewer,
          data: { unitId: town, kind: 'final', text: note, contactedCaller: true },
        });
        return;
      default:
        events.push({
          ...base,
          type: 'reviewed',
          actor: disp,
          data: { unitId: town, decision: 'accept', note },
        });
    }
  });

  const doc = ticketDocFromEvents(ticketId, events, calendar);
  const at = events[0]?.at ?? '';
  const contact: CallerContact = {
    id: ticketId,
    name: (SURNAMES[h % SURNAMES.length] ?? '王') + (GIVEN[(h >>> 8) % GIVEN.length] ?? '伟'),
    phone,
    address: location,
    employer: '',
    stamps: { name: at, phone: at, address: at, employer: at },
    updatedAt: at,
  };
  return { doc, contact };
}

/** Maps every gen.js ticket; throws if one does not fold without conflicts. */
export function mapGenTickets(gen: readonly GenTicket[], calendar: WorkingCalendar) {
  const numbers = new Map<string, number>();
  const mapped = gen.map((g) => mapGenTicket(g, calendar, numbers));
  let conflicts = 0;
  for (const m of mapped) conflicts += m.doc.conflictCount;
  return { mapped, conflicts };
}

/** Status counts of the mapped tickets, for the bench's header. */
export function statusCounts(docs: readonly TicketDoc[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of docs) counts[d.status] = (counts[d.status] ?? 0) + 1;
  return counts;
}
