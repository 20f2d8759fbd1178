/**
 * @module
 * Ticket numbers (工单号) as they are read to the caller:
 * `CCCC-YYMMDD-DD-NNNN` — the intake centre's 4-digit code, the Shanghai date,
 * the device's 2–3 digit code within that centre, and the device's counter for
 * that day. Digits only, because they are spoken over the phone.
 */

import { z } from 'zod';

export const TICKET_NUMBER_PATTERN = /^(\d{4})-(\d{6})-(\d{2,3})-(\d{4})$/;

export const TicketNumberSchema = z
  .string()
  .regex(TICKET_NUMBER_PATTERN, 'ticket number: CCCC-YYMMDD-DD-NNNN');
export type TicketNumber = z.infer<typeof TicketNumberSchema>;

/** A device's code within its centre, handed out when the device is registered. */
export const DeviceCodeSchema = z.string().regex(/^\d{2,3}$/, 'device code: 2 or 3 digits');

/** What a device persists to keep issuing unique numbers offline. */
export const TicketCounterSchema = z.strictObject({
  /** YYMMDD of the last number issued; never moves backwards */
  day: z.string().regex(/^\d{6}$/),
  seq: z.number().int().min(0).max(9999),
});
export type TicketCounter = z.infer<typeof TicketCounterSchema>;
