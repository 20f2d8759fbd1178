/**
 * @module
 * Ticket events: the immutable facts a ticket is made of. A ticket's state is
 * never stored as truth; it is the fold of these events (see
 * `shared/domain/ticket/fold.ts`). Every event is validated here at every trust
 * boundary; payloads are strict so unknown fields are refused, not carried.
 */

import { z } from 'zod';
import { HlcSchema } from '../lib/hlc';
import { UnitIdSchema } from './org-unit';
import {
  ChannelSchema,
  EmergencyServiceSchema,
  OutOfScopeReasonSchema,
  ReturnReasonSchema,
  RoleSchema,
  SatisfactionSchema,
  TicketCategorySchema,
  UrgencySchema,
} from './ticket-enums';
import { TicketNumberSchema } from './ticket-number';

export const EventIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
export const TicketIdSchema = EventIdSchema;
export const UserIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/);
export const CallerKeySchema = z.string().regex(/^[0-9a-f]{64}$/);
export const TopicCodeSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9-]+$/);
const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().trim().min(1).max(max);
const note = z.string().max(2000).default('');

/** Who appended an event: the user, the post they acted in, and their unit. */
export const ActorSchema = z.strictObject({
  userId: UserIdSchema,
  role: RoleSchema,
  unitId: UnitIdSchema,
});
export type Actor = z.infer<typeof ActorSchema>;

/** One unit named by a dispatch; `lead` marks the 牵头单位 of a co-signed ticket. */
const DispatchTargetSchema = z.strictObject({ unitId: UnitIdSchema, lead: z.boolean() });

/**
 * 交办: time-limited (限时件), committed (承诺件) or co-signed (会签件). A single
 * target is its own lead; a co-signed dispatch names exactly one lead among two
 * or more units.
 */
export const DispatchSpecSchema = z
  .strictObject({
    mode: z.enum(['time_limited', 'committed', 'co_signed']),
    units: z.array(DispatchTargetSchema).min(1).max(12),
    /** working days, overriding the category's limit (a shorter limit for urgent matters) */
    limitDays: z.number().int().min(1).max(60).optional(),
    note,
  })
  .refine((d) => new Set(d.units.map((u) => u.unitId)).size === d.units.length, {
    message: 'a unit is named twice',
  })
  .refine((d) => d.units.filter((u) => u.lead).length === 1, {
    message: 'exactly one lead unit',
  })
  .refine((d) => (d.mode === 'co_signed') === d.units.length > 1, {
    message: 'co-signed dispatch needs two or more units; other modes exactly one',
  });
export type DispatchSpec = z.infer<typeof DispatchSpecSchema>;

const TicketFieldsSchema = z.strictObject({
  category: TicketCategorySchema,
  topic: TopicCodeSchema,
  /** the area the incident lies in (a centre's or township's unit id) */
  areaId: UnitIdSchema,
  /** incident location, e.g. 白沙镇幸福路12号3号楼 (not the caller's home address) */
  location: z.string().trim().max(200),
  description: text(4000),
  urgency: UrgencySchema,
  /** caller asked for confidentiality (保密) */
  confidential: z.boolean(),
  /** whistleblowing is confidential unless the caller explicitly waives it */
  confidentialityWaived: z.boolean(),
});

const payloads = {
  created: TicketFieldsSchema.extend({
    number: TicketNumberSchema,
    channel: ChannelSchema,
    callerKey: CallerKeySchema.nullable(),
    /** the number the upper platform gave a handed-down ticket */
    upperRef: z.string().max(40).optional(),
  }),
  corrected: z.strictObject({
    changes: TicketFieldsSchema.partial().refine((c) => Object.keys(c).length > 0, {
      message: 'nothing to correct',
    }),
    reason: note,
  }),
  answered: z.strictObject({ text: text(4000), articleId: z.string().max(64).optional() }),
  referred_out: z.strictObject({
    reason: OutOfScopeReasonSchema,
    referTo: z.string().max(200),
    note,
  }),
  emergency_transferred: z.strictObject({ service: EmergencyServiceSchema, note }),
  leader_routed: z.strictObject({ note }),
  leader_instructed: z.strictObject({
    instruction: text(2000),
    dispatch: DispatchSpecSchema.optional(),
  }),
  dispatched: DispatchSpecSchema,
  signed: z.strictObject({ unitId: UnitIdSchema }),
  returned: z.strictObject({ unitId: UnitIdSchema, reason: ReturnReasonSchema, note }),
  return_reviewed: z.strictObject({
    unitId: UnitIdSchema,
    /** upheld: the return stands; rejected: the unit keeps the ticket (首接负责制) */
    decision: z.enum(['upheld', 'rejected']),
    note,
  }),
  transferred: z.strictObject({
    fromUnitId: UnitIdSchema,
    units: z.array(DispatchTargetSchema).min(1).max(12),
    /** a shorter limit than the one inherited from the parent dispatch */
    limitDays: z.number().int().min(1).max(60).optional(),
    note,
  }),
  noted: z.strictObject({ text: text(4000) }),
  extension_requested: z.strictObject({
    unitId: UnitIdSchema,
    days: z.number().int().min(1).max(30),
    reason: text(1000),
  }),
  extension_decided: z.strictObject({
    unitId: UnitIdSchema,
    approved: z.boolean(),
    days: z.number().int().min(1).max(30).optional(),
    note,
  }),
  replied: z.strictObject({
    unitId: UnitIdSchema,
    /** committed tickets first reply with progress and a promised date, then finally */
    kind: z.enum(['final', 'progress']),
    text: text(4000),
    promisedDate: DateStr.optional(),
    contactedCaller: z.boolean(),
  }),
  unit_reviewed: z.strictObject({ unitId: UnitIdSchema, approved: z.boolean(), note }),
  reviewed: z.strictObject({
    unitId: UnitIdSchema,
    decision: z.enum(['accept', 'send_back']),
    note,
  }),
  callback_done: z.strictObject({
    reached: z.boolean(),
    solved: z.boolean().optional(),
    processSatisfaction: SatisfactionSchema.optional(),
    resultSatisfaction: SatisfactionSchema.optional(),
    /** the reply did not match what the caller saw (办理结果不实) */
    falseReply: z.boolean().default(false),
    comment: z.string().max(2000).default(''),
  }),
  redo: z.strictObject({
    unitIds: z.array(UnitIdSchema).min(1).max(12),
    reason: text(1000),
    limitDays: z.number().int().min(1).max(60).optional(),
  }),
  urged: z.strictObject({ unitId: UnitIdSchema.optional(), note }),
  supervised: z.strictObject({ unitId: UnitIdSchema.optional(), onSite: z.boolean(), note }),
  merged: z.strictObject({ intoTicketId: TicketIdSchema, note }),
  archived: z.strictObject({ note }),
  reopened: z.strictObject({ reason: text(1000) }),
} as const;

export type TicketEventType = keyof typeof payloads;
export const TICKET_EVENT_TYPES = Object.keys(payloads) as TicketEventType[];

const envelope = {
  id: EventIdSchema,
  ticketId: TicketIdSchema,
  at: HlcSchema,
  actor: ActorSchema,
};

function eventSchema<T extends TicketEventType>(type: T) {
  return z.strictObject({ ...envelope, type: z.literal(type), data: payloads[type] });
}

/** Any known ticket event, discriminated on `type`. */
export const TicketEventSchema = z.discriminatedUnion('type', [
  eventSchema('created'),
  eventSchema('corrected'),
  eventSchema('answered'),
  eventSchema('referred_out'),
  eventSchema('emergency_transferred'),
  eventSchema('leader_routed'),
  eventSchema('leader_instructed'),
  eventSchema('dispatched'),
  eventSchema('signed'),
  eventSchema('returned'),
  eventSchema('return_reviewed'),
  eventSchema('transferred'),
  eventSchema('noted'),
  eventSchema('extension_requested'),
  eventSchema('extension_decided'),
  eventSchema('replied'),
  eventSchema('unit_reviewed'),
  eventSchema('reviewed'),
  eventSchema('callback_done'),
  eventSchema('redo'),
  eventSchema('urged'),
  eventSchema('supervised'),
  eventSchema('merged'),
  eventSchema('archived'),
  eventSchema('reopened'),
]);
export type TicketEvent = z.infer<typeof TicketEventSchema>;
export type TicketEventInput = z.input<typeof TicketEventSchema>;
export type EventOf<T extends TicketEventType> = Extract<TicketEvent, { type: T }>;
export type EventData<T extends TicketEventType> = EventOf<T>['data'];

/**
 * An event of a type this version does not know (written by a newer client).
 * It keeps its envelope so it stays in the timeline; the fold never applies it.
 */
export const ForeignEventSchema = z.object({
  ...envelope,
  type: z.string().min(1).max(40),
  data: z.unknown(),
});
export type ForeignEvent = z.infer<typeof ForeignEventSchema>;

/** What a ticket record stores and the fold reads: known events, or foreign ones kept as-is. */
export type StoredEvent = TicketEvent | ForeignEvent;

export function isKnownEvent(e: StoredEvent): e is TicketEvent {
  return (TICKET_EVENT_TYPES as readonly string[]).includes(e.type);
}
