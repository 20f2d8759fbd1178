/**
 * @module
 * Monthly assessment of handling units (考核), by the seeds' rules: base 100 =
 * leadership 10 + rules 10 + results and satisfaction 80. The 80 points move
 * with per-ticket deductions and bonuses, each traceable to the ticket and the
 * fact behind it; leadership, rules and public criticism or praise come from
 * the assessor's own records. The ticket-derived part is the plain sum of
 * per-ticket contributions, so any replica holding the tickets gets the same
 * figure, whatever order it received them in.
 */

import { hlcMillis } from '../lib/hlc';
import type { AssessorRecord, AssessorRecordKind } from '../schema/assessor-record';
import { isSatisfied } from '../schema/ticket-enums';
import { type CallSummary, repeatCalls } from './detection';
import { isAssignmentOverdue, isSignLate } from './ticket/sla';
import type { TicketState } from './ticket/state';

export type ScoreRule =
  | 'overdue' // 超期工单 −1
  | 'late_sign' // 未在24小时内签收或回退 −1
  | 'redo' // 回访后退回重办 −1
  | 'false_report' // 报送结果弄虚作假 −1
  | 'repeat_unresolved' // 不满意后同一反映人同一问题再次反映 −1
  | 'very_satisfied'; // 回访非常满意 +1

export const RULE_POINTS: Readonly<Record<ScoreRule, number>> = {
  overdue: -1,
  late_sign: -1,
  redo: -1,
  false_report: -1,
  repeat_unresolved: -1,
  very_satisfied: 1,
};

export const RECORD_POINTS: Readonly<
  Record<Exclude<AssessorRecordKind, 'leadership' | 'rules'>, number>
> = {
  criticized_county: -5,
  criticized_city: -10,
  leader_resupervised: -10,
  praised_county: 5,
  praised_city: 10,
};

/** One deduction or bonus, dated by the fact that caused it. */
export interface ScoreItem {
  ticketId: string;
  unitId: string;
  rule: ScoreRule;
  points: number;
  at: number;
  /** the later call that repeated an unresolved matter */
  repeatTicketId?: string;
}

function item(
  s: TicketState,
  unitId: string,
  rule: ScoreRule,
  at: number,
  repeatTicketId?: string,
): ScoreItem {
  const out: ScoreItem = { ticketId: s.id, unitId, rule, points: RULE_POINTS[rule], at };
  if (repeatTicketId !== undefined) out.repeatTicketId = repeatTicketId;
  return out;
}

/** Was the caller left unsatisfied by the latest reached callback? */
function unresolvedAtCallback(s: TicketState): { units: string[] } | null {
  const last = s.callbacks.filter((c) => c.reached).at(-1);
  if (!last) return null;
  const unresolved =
    last.solved === false ||
    (last.resultSatisfaction !== null && !isSatisfied(last.resultSatisfaction));
  return unresolved ? { units: last.units } : null;
}

/**
 * Every score item one ticket contributes, for all units and all months, as
 * of `nowMs`. `repeats` are later calls that repeat this ticket's matter
 * (same caller and topic within 30 days).
 * @example ticketScoreItems(state, Date.now()).filter((i) => i.unitId === unit)
 */
export function ticketScoreItems(
  s: TicketState,
  nowMs: number,
  repeats: readonly CallSummary[] = [],
): ScoreItem[] {
  const items: ScoreItem[] = [];
  for (const a of s.assignments) {
    if (isAssignmentOverdue(a, nowMs)) items.push(item(s, a.unitId, 'overdue', a.deadline));
    if (isSignLate(a, nowMs)) items.push(item(s, a.unitId, 'late_sign', a.signDeadline));
  }
  for (const entry of s.timeline) {
    const e = entry.event;
    if (entry.applied && e.type === 'redo') {
      const at = hlcMillis(e.at);
      for (const unitId of (e.data as { unitIds: string[] }).unitIds) {
        items.push(item(s, unitId, 'redo', at));
      }
    }
  }
  for (const c of s.callbacks) {
    if (!c.reached) continue;
    for (const unitId of c.units) {
      if (c.falseReply) items.push(item(s, unitId, 'false_report', c.at));
      if (c.resultSatisfaction === 'very_satisfied') {
        items.push(item(s, unitId, 'very_satisfied', c.at));
      }
    }
  }
  const unresolved = unresolvedAtCallback(s);
  if (unresolved) {
    for (const r of repeats) {
      for (const unitId of unresolved.units) {
        items.push(item(s, unitId, 'repeat_unresolved', r.createdAt, r.ticketId));
      }
    }
  }
  return items;
}

/** Summary fields of a ticket used to find repeat calls and clusters. */
export function callSummary(s: TicketState): CallSummary {
  return {
    ticketId: s.id,
    callerKey: s.callerKey,
    topic: s.topic,
    areaId: s.areaId,
    location: s.location,
    createdAt: s.createdAt,
  };
}

/** Later calls repeating each ticket: earlier ticket id → the calls that repeat it. */
export function repeatsByTicket(tickets: readonly TicketState[]): Map<string, CallSummary[]> {
  const summaries = tickets.filter((t) => t.phase !== 'incomplete').map(callSummary);
  const byId = new Map(summaries.map((c) => [c.ticketId, c]));
  const out = new Map<string, CallSummary[]>();
  for (const [repeatId, earlierId] of repeatCalls(summaries)) {
    const repeat = byId.get(repeatId);
    if (!repeat) continue;
    const list = out.get(earlierId);
    if (list) list.push(repeat);
    else out.set(earlierId, [repeat]);
  }
  return out;
}

/** [start, end) of a month in Asia/Shanghai, as epoch ms. */
export function monthRange(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) throw new RangeError(`bad month ${month}`);
  const offset = 8 * 3600 * 1000;
  return [Date.UTC(y, m - 1, 1) - offset, Date.UTC(y, m, 1) - offset];
}

export interface Indicator {
  /** null when there is nothing to divide by */
  rate: number | null;
  numerator: string[];
  denominator: string[];
}

function indicator(numerator: string[], denominator: string[]): Indicator {
  return {
    rate: denominator.length === 0 ? null : numerator.length / denominator.length,
    numerator,
    denominator,
  };
}

export interface UnitAssessment {
  unitId: string;
  month: string;
  /** from the assessor's records; null until entered */
  leadership: number | null;
  rules: number | null;
  /** 80 + ticket-derived points + criticism and praise */
  results: number;
  ticketPoints: number;
  recordPoints: number;
  /** null while leadership or rules are not entered */
  total: number | null;
  items: ScoreItem[];
  records: AssessorRecord[];
  indicators: {
    completion: Indicator; // 办结率
    onTime: Indicator; // 按时办结率
    processSatisfaction: Indicator; // 服务过程满意率
    resultSatisfaction: Indicator; // 办理结果满意率
    repeatCalls: Indicator; // 重复来电率
    returns: Indicator; // 退单率
  };
}

export interface AssessmentInput {
  month: string;
  tickets: readonly TicketState[];
  records: readonly AssessorRecord[];
  nowMs: number;
}

const inRange = (t: number, [start, end]: [number, number]) => t >= start && t < end;

/** The latest record of a kind wins (they replicate last-writer-wins by HLC). */
function latestPoints(
  records: readonly AssessorRecord[],
  kind: 'leadership' | 'rules',
): number | null {
  const latest = records
    .filter((r) => r.kind === kind)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1))
    .at(-1);
  return latest?.points ?? null;
}

/**
 * Scores every unit that appears in the month's tickets or records.
 * @example assessUnits({ month: '2026-10', tickets, records, nowMs: Date.now() }).get('c01-k01-t01')?.total
 */
export function assessUnits(input: AssessmentInput): Map<string, UnitAssessment> {
  const range = monthRange(input.month);
  const repeats = repeatsByTicket(input.tickets);
  const out = new Map<string, UnitAssessment>();
  const unit = (unitId: string): UnitAssessment => {
    let u = out.get(unitId);
    if (!u) {
      u = {
        unitId,
        month: input.month,
        leadership: null,
        rules: null,
        results: 80,
        ticketPoints: 0,
        recordPoints: 0,
        total: null,
        items: [],
        records: [],
        indicators: {
          completion: indicator([], []),
          onTime: indicator([], []),
          processSatisfaction: indicator([], []),
          resultSatisfaction: indicator([], []),
          repeatCalls: indicator([], []),
          returns: indicator([], []),
        },
      };
      out.set(unitId, u);
    }
    return u;
  };

  // Raw lists per unit, turned into rates at the end.
  const lists = new Map<string, Record<string, string[]>>();
  const push = (unitId: string, list: string, ticketId: string) => {
    unit(unitId);
    let l = lists.get(unitId);
    if (!l) {
      l = {};
      lists.set(unitId, l);
    }
    const ids = l[list];
    if (ids) ids.push(ticketId);
    else l[list] = [ticketId];
  };

  for (const t of input.tickets) {
    if (t.phase === 'incomplete') continue;
    for (const i of ticketScoreItems(t, input.nowMs, repeats.get(t.id))) {
      if (inRange(i.at, range)) unit(i.unitId).items.push(i);
      if (i.rule === 'repeat_unresolved' && inRange(i.at, range)) {
        push(i.unitId, 'repeatNum', i.repeatTicketId ?? t.id);
      }
    }
    for (const a of t.assignments) {
      if (!inRange(a.dispatchedAt, range) || a.status === 'superseded') continue;
      push(a.unitId, 'dispatched', t.id);
      if (a.returns > 0) push(a.unitId, 'returned', t.id);
      if (a.status === 'return_upheld') continue;
      push(a.unitId, 'owned', t.id);
      if (a.status === 'completed') {
        push(a.unitId, 'completed', t.id);
        if (!isAssignmentOverdue(a, input.nowMs)) push(a.unitId, 'completedOnTime', t.id);
      }
    }
    for (const c of t.callbacks) {
      if (!c.reached || !inRange(c.at, range)) continue;
      for (const unitId of c.units) {
        if (c.processSatisfaction) {
          push(unitId, 'processAsked', t.id);
          if (isSatisfied(c.processSatisfaction)) push(unitId, 'processOk', t.id);
        }
        if (c.resultSatisfaction) {
          push(unitId, 'resultAsked', t.id);
          if (isSatisfied(c.resultSatisfaction)) push(unitId, 'resultOk', t.id);
        }
      }
    }
  }

  for (const r of input.records) {
    if (r.month === input.month) unit(r.unitId).records.push(r);
  }

  for (const u of out.values()) {
    u.items.sort((a, b) => a.at - b.at || (a.ticketId < b.ticketId ? -1 : 1));
    u.ticketPoints = u.items.reduce((sum, i) => sum + i.points, 0);
    u.recordPoints = u.records.reduce(
      (sum, r) => sum + (r.kind === 'leadership' || r.kind === 'rules' ? 0 : RECORD_POINTS[r.kind]),
      0,
    );
    u.leadership = latestPoints(u.records, 'leadership');
    u.rules = latestPoints(u.records, 'rules');
    u.results = 80 + u.ticketPoints + u.recordPoints;
    u.total = u.leadership === null || u.rules === null ? null : u.leadership + u.rules + u.results;
    const l = lists.get(u.unitId) ?? {};
    const get = (k: string) => [...new Set(l[k] ?? [])].sort();
    u.indicators = {
      completion: indicator(get('completed'), get('owned')),
      onTime: indicator(get('completedOnTime'), get('completed')),
      processSatisfaction: indicator(get('processOk'), get('processAsked')),
      resultSatisfaction: indicator(get('resultOk'), get('resultAsked')),
      repeatCalls: indicator(get('repeatNum'), get('dispatched')),
      returns: indicator(get('returned'), get('dispatched')),
    };
  }
  return out;
}
