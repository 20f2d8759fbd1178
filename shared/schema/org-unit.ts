/** @module Org unit record: a hotline centre or a handling unit in the province → city → county network. */
import { z } from 'zod';

/**
 * Where a unit sits. Centres are province/city/county platforms; handling
 * units are townships and street offices, departments, or enterprises.
 */
export const OrgLevelSchema = z.enum([
  'province',
  'city',
  'county',
  'township',
  'department',
  'enterprise',
]);
export type OrgLevel = z.infer<typeof OrgLevelSchema>;

/** 'centre' takes calls and dispatches (热线中心/热线办); 'handling' does the work (承办单位). */
export const OrgUnitKindSchema = z.enum(['centre', 'handling']);
export type OrgUnitKind = z.infer<typeof OrgUnitKindSchema>;

/** Stable, URL- and filename-safe unit id; it ends up in every routing chain, so keep it short. */
export const UnitIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9-]+$/, 'unit id: lowercase letters, digits and "-" only');
export type UnitId = z.infer<typeof UnitIdSchema>;

const CENTRE_LEVELS: ReadonlySet<OrgLevel> = new Set(['province', 'city', 'county']);

// Centres are platforms of an administrative level; the other three levels are for handling units.
const isCentreLevel = (level: OrgLevel): boolean => CENTRE_LEVELS.has(level);

/**
 * One org unit. Replicated down the network, last-writer-wins by `updatedAt`.
 *
 * @example
 * OrgUnitSchema.parse({
 *   id: 'c01-k02', parentId: 'c01', level: 'county', kind: 'centre',
 *   name: '青川县长公开电话办公室', shortName: '青川县', code: '1102',
 *   active: true, updatedAt: '0000000000000-0000-seed',
 * });
 */
export const OrgUnitSchema = z
  .strictObject({
    id: UnitIdSchema,
    parentId: UnitIdSchema.nullable(),
    level: OrgLevelSchema,
    kind: OrgUnitKindSchema,
    name: z.string().min(1).max(60),
    shortName: z.string().min(1).max(20),
    // A centre's code prefixes every ticket number it issues offline, so it
    // must be fixed-width; handling units may carry an optional local code.
    code: z.string().max(8),
    active: z.boolean(),
    updatedAt: z.string().max(80),
  })
  .superRefine((unit, ctx) => {
    if (unit.kind === 'centre' && !/^\d{4}$/.test(unit.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: 'a centre needs a 4-digit code (it prefixes its ticket numbers)',
      });
    }
    if ((unit.kind === 'centre') !== isCentreLevel(unit.level)) {
      ctx.addIssue({
        code: 'custom',
        path: ['level'],
        message:
          unit.kind === 'centre'
            ? 'a centre is at province, city or county level'
            : 'a handling unit is at township, department or enterprise level',
      });
    }
    if (unit.parentId === unit.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['parentId'],
        message: 'a unit cannot be its own parent',
      });
    }
  });
export type OrgUnit = z.infer<typeof OrgUnitSchema>;
