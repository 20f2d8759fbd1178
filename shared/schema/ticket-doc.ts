/**
 * @module
 * The replicated ticket record: one document per ticket holding its event set
 * plus the fold's projection as flat, indexable fields. The projection is
 * always recomputed from the events (by the server, and by every client with
 * the same code), never trusted from the sender.
 */

import { z } from 'zod';
import { ForeignEventSchema, TicketIdSchema } from './ticket-event';

export const MAX_EVENTS_PER_TICKET = 2000;

export const TicketDocSchema = z.strictObject({
  id: TicketIdSchema,
  /** events are validated one by one at the edge (known types strictly) */
  events: z.array(ForeignEventSchema).min(1).max(MAX_EVENTS_PER_TICKET),
  number: z.string().max(24),
  status: z.string().max(32),
  centreId: z.string().max(40),
  chain: z.array(z.string().max(40)).max(200),
  category: z.string().max(16),
  topic: z.string().max(40),
  areaId: z.string().max(40),
  createdAt: z.number(),
  /** the latest event's HLC: the record's version for sorting and display */
  updatedAt: z.string().max(70),
  /** earliest open deadline (ms) or 0 when nothing runs: for 即将超期 queues */
  deadline: z.number(),
  confidential: z.boolean(),
  callerKey: z.string().max(64),
  mergedInto: z.string().max(64),
  conflictCount: z.number().int(),
});
export type TicketDoc = z.infer<typeof TicketDocSchema>;
