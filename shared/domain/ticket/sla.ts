/**
 * @module
 * Ticket clocks at a given instant: "overdue" is never stored, it is computed
 * at query time from the folded deadlines, so a calendar change or the simple
 * passing of time needs no write.
 */

import { remainingTime, type WorkingCalendar } from '../calendar';
import { ACTIVE_ASSIGNMENT, type Assignment, type TicketState } from './state';

/** The deadline that currently binds an assignment. */
export function bindingDeadline(a: Assignment): number {
  // A committed ticket that replied progress in time is then held to its promise.
  if (a.mode === 'committed' && a.progressRepliedAt !== null && a.promisedDeadline !== null) {
    return a.progressRepliedAt <= a.deadline ? a.promisedDeadline : a.deadline;
  }
  return a.deadline;
}

/**
 * Was (or is) the assignment overdue at `nowMs`? A reply counts when it left
 * the unit; a centre slow to review does not make the unit late. Returned or
 * superseded assignments are not the unit's to be late on.
 * @example isAssignmentOverdue(a, Date.now()) // true once 24:00 of the last working day passed without a reply
 */
export function isAssignmentOverdue(a: Assignment, nowMs: number): boolean {
  if (a.status === 'return_upheld' || a.status === 'superseded' || a.status === 'returned') {
    return false;
  }
  const answeredAt = a.replyAt ?? (ACTIVE_ASSIGNMENT.has(a.status) ? nowMs : null);
  if (answeredAt === null) return false;
  if (a.mode === 'committed' && a.progressRepliedAt !== null && a.progressRepliedAt > a.deadline) {
    return true;
  }
  return answeredAt > bindingDeadline(a);
}

/** Not signed for or returned within 24 hours (不及时签收或回退). */
export function isSignLate(a: Assignment, nowMs: number): boolean {
  const actedAt = a.signedAt ?? a.returnedAt ?? (a.status === 'pending_sign' ? nowMs : null);
  return actedAt !== null && actedAt > a.signDeadline;
}

export type ClockStage = 'sign' | 'handle' | 'review' | 'done';

export interface AssignmentClock {
  unitId: string;
  stage: ClockStage;
  deadline: number;
  overdue: boolean;
  dueSoon: boolean;
  msLeft: number;
  workingDaysLeft: number;
}

/** Countdown of one assignment for queues and the ticket page. */
export function assignmentClock(
  a: Assignment,
  nowMs: number,
  cal: WorkingCalendar,
): AssignmentClock {
  const stage: ClockStage =
    a.status === 'pending_sign'
      ? 'sign'
      : a.status === 'replied' || a.status === 'pending_unit_review'
        ? 'review'
        : ACTIVE_ASSIGNMENT.has(a.status)
          ? 'handle'
          : 'done';
  if (stage === 'sign') {
    const msLeft = a.signDeadline - nowMs;
    return {
      unitId: a.unitId,
      stage,
      deadline: a.signDeadline,
      overdue: msLeft < 0,
      dueSoon: msLeft >= 0 && msLeft < 4 * 3600 * 1000,
      msLeft,
      workingDaysLeft: remainingTime(cal, nowMs, bindingDeadline(a)).workingDaysLeft,
    };
  }
  const deadline = bindingDeadline(a);
  const r = remainingTime(cal, nowMs, deadline);
  return {
    unitId: a.unitId,
    stage,
    deadline,
    overdue: isAssignmentOverdue(a, nowMs),
    dueSoon: stage === 'handle' && r.dueSoon,
    msLeft: r.msLeft,
    workingDaysLeft: r.workingDaysLeft,
  };
}

/** The most urgent open clock of a ticket (for 即将超期 / 已超期 queues), or null. */
export function ticketClock(
  s: TicketState,
  nowMs: number,
  cal: WorkingCalendar,
): AssignmentClock | null {
  let worst: AssignmentClock | null = null;
  for (const a of s.assignments) {
    if (!ACTIVE_ASSIGNMENT.has(a.status)) continue;
    const c = assignmentClock(a, nowMs, cal);
    if (!worst || c.msLeft < worst.msLeft) worst = c;
  }
  return worst;
}
