/**
 * @module
 * Offline ticket numbers, unique across the network without asking anyone:
 * centre codes are unique in the org tree, device codes are unique within a
 * centre (assigned at device registration), and each device's counter never
 * repeats a (day, seq) pair — the day never moves backwards, even when the
 * tablet's clock does.
 */

import {
  TICKET_NUMBER_PATTERN,
  type TicketCounter,
  type TicketNumber,
} from '../schema/ticket-number';

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** YYMMDD of an instant in Asia/Shanghai. */
export function shanghaiDayCode(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(2, 10).replaceAll('-', '');
}

export class TicketNumberExhaustedError extends Error {
  constructor(readonly day: string) {
    super(`this device has issued 9999 ticket numbers on ${day}`);
    this.name = 'TicketNumberExhaustedError';
  }
}

/**
 * Issues the next ticket number and the counter state to persist with it.
 * @example
 * const [counter, number] = nextTicketNumber(null, '0571', '07', Date.now());
 * // number: '0571-261125-07-0001'
 */
export function nextTicketNumber(
  counter: TicketCounter | null,
  centreCode: string,
  deviceCode: string,
  nowMs: number,
): [TicketCounter, TicketNumber] {
  const today = shanghaiDayCode(nowMs);
  // A clock set back must not restart an earlier day's sequence.
  const day = counter && counter.day > today ? counter.day : today;
  const seq = counter && counter.day === day ? counter.seq + 1 : 1;
  if (seq > 9999) throw new TicketNumberExhaustedError(day);
  const number = `${centreCode}-${day}-${deviceCode}-${String(seq).padStart(4, '0')}`;
  if (!TICKET_NUMBER_PATTERN.test(number)) {
    throw new RangeError(`bad centre or device code: ${centreCode}/${deviceCode}`);
  }
  return [{ day, seq }, number];
}

export interface TicketNumberParts {
  centreCode: string;
  day: string;
  deviceCode: string;
  seq: number;
}

/** Splits a ticket number; `null` when it is not one. */
export function parseTicketNumber(number: string): TicketNumberParts | null {
  const m = TICKET_NUMBER_PATTERN.exec(number);
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) return null;
  return { centreCode: m[1], day: m[2], deviceCode: m[3], seq: Number(m[4]) };
}

/** Groups digits the way an operator reads them out: 0571 261125 07 0042. */
export function spokenTicketNumber(number: string): string {
  return number.replaceAll('-', ' ');
}
