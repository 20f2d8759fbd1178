/**
 * @module
 * The replicated records other than tickets: users, caller contacts, Yjs
 * documents and notices. (Org units, the calendar, the dispatch catalogue and
 * assessor records have their own schema files.) Each carries `updatedAt`, an
 * HLC string, because they replicate last-writer-wins (contacts per field).
 */

import { z } from 'zod';
import { HlcSchema } from '../lib/hlc';
import { UnitIdSchema } from './org-unit';
import { RoleSchema } from './ticket-enums';
import { TicketIdSchema, UserIdSchema } from './ticket-event';

/** A staff account. The password hash travels only between servers, never to tablets. */
export const UserSchema = z.strictObject({
  id: UserIdSchema,
  name: z.string().min(1).max(40),
  unitId: UnitIdSchema,
  roles: z.array(RoleSchema).min(1).max(9),
  active: z.boolean(),
  /** a downstream server's credential: bound to its unit, it relays its subtree's work */
  kind: z.enum(['person', 'server']).default('person'),
  passwordHash: z.string().max(200).optional(),
  updatedAt: HlcSchema,
});
export type User = z.infer<typeof UserSchema>;

const contactField = z.string().max(200);

/**
 * The caller's personal data (姓名、电话、住址、工作单位), kept apart from the
 * ticket so a replica that must not see it never receives it. Each field
 * merges last-writer-wins by its own HLC.
 */
export const CallerContactSchema = z.strictObject({
  id: TicketIdSchema,
  name: contactField,
  phone: contactField,
  address: contactField,
  employer: contactField,
  /** HLC per field, so two offices correcting different fields both win */
  stamps: z.strictObject({
    name: HlcSchema,
    phone: HlcSchema,
    address: HlcSchema,
    employer: HlcSchema,
  }),
  updatedAt: HlcSchema,
});
export type CallerContact = z.infer<typeof CallerContactSchema>;

export const YDocKindSchema = z.enum(['kb', 'roster', 'dutylog']);

/**
 * A Yjs document (knowledge-base article, roster month, duty log) as its
 * merged state update, base64. Owned by a unit; visible to its subtree and
 * the units above it.
 */
export const YDocRecordSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9:._-]+$/),
  kind: YDocKindSchema,
  unitId: UnitIdSchema,
  /** base64 of Y.encodeStateAsUpdate; size-limited at the edge */
  update: z.string().max(2_800_000),
  updatedAt: HlcSchema,
});
export type YDocRecord = z.infer<typeof YDocRecordSchema>;

/** 停水停气、公交改线 and other notices operators must know during calls. */
export const NoticeSchema = z.strictObject({
  id: z.string().min(1).max(64),
  unitId: UnitIdSchema,
  title: z.string().min(1).max(120),
  body: z.string().max(4000),
  areaIds: z.array(UnitIdSchema).max(50),
  validFrom: z.number().int(),
  validTo: z.number().int(),
  active: z.boolean(),
  updatedAt: HlcSchema,
});
export type Notice = z.infer<typeof NoticeSchema>;
