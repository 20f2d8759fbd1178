/**
 * @module
 * What the assessor enters by hand each month for a unit: the leadership and
 * rules scores (10 points each) and public criticism or praise. Everything
 * else in a unit's score is derived from its tickets.
 */

import { z } from 'zod';
import { HlcSchema } from '../lib/hlc';
import { UnitIdSchema } from './org-unit';
import { UserIdSchema } from './ticket-event';

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month: YYYY-MM');

export const AssessorRecordKindSchema = z.enum([
  'leadership', // 领导重视 (0–10)
  'rules', // 制度建设 (0–10)
  'criticized_county', // 被县热线通报 −5
  'criticized_city', // 被省、市热线通报 −10
  'leader_resupervised', // 被市、县领导签批重新督办 −10
  'praised_county', // 受县领导批示表彰或县热线表扬 +5
  'praised_city', // 受市领导批示表彰或市热线表扬 +10
]);
export type AssessorRecordKind = z.infer<typeof AssessorRecordKindSchema>;

export const AssessorRecordSchema = z
  .strictObject({
    id: z.string().min(1).max(64),
    unitId: UnitIdSchema,
    month: MonthSchema,
    kind: AssessorRecordKindSchema,
    /** only for leadership and rules: the points awarded out of 10 */
    points: z.number().min(0).max(10).multipleOf(0.5).optional(),
    note: z.string().max(1000).default(''),
    by: UserIdSchema,
    updatedAt: HlcSchema,
  })
  .refine((r) => (r.kind === 'leadership' || r.kind === 'rules') === (r.points !== undefined), {
    message: 'leadership and rules carry points; criticism and praise carry none',
    path: ['points'],
  });
export type AssessorRecord = z.infer<typeof AssessorRecordSchema>;
