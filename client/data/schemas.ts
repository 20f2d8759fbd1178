/**
 * @module
 * RxDB schemas of the replicated collections, mirroring `shared/schema`.
 * Indexed fields are required and bounded (the Dexie storage needs both).
 */

import type { RxJsonSchema } from 'rxdb';
import type { Collection } from '../../shared/protocol';

const id = { type: 'string', maxLength: 80 } as const;
const hlc = { type: 'string', maxLength: 70 } as const;

type AnySchema = RxJsonSchema<Record<string, unknown> & { id: string }>;

function schema(
  properties: Record<string, unknown>,
  required: string[],
  indexes: string[][] = [],
): AnySchema {
  return {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: { id, ...properties },
    required: ['id', ...required],
    indexes,
  } as AnySchema;
}

export const SCHEMAS: Record<Collection, AnySchema> = {
  tickets: schema(
    {
      events: { type: 'array', items: { type: 'object' } },
      number: { type: 'string', maxLength: 24 },
      status: { type: 'string', maxLength: 32 },
      centreId: { type: 'string', maxLength: 40 },
      chain: { type: 'array', items: { type: 'string' } },
      category: { type: 'string', maxLength: 16 },
      topic: { type: 'string', maxLength: 40 },
      areaId: { type: 'string', maxLength: 40 },
      createdAt: { type: 'number' },
      updatedAt: hlc,
      deadline: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
      confidential: { type: 'boolean' },
      callerKey: { type: 'string', maxLength: 64 },
      mergedInto: { type: 'string', maxLength: 64 },
      conflictCount: { type: 'number' },
    },
    ['events', 'number', 'status', 'centreId', 'updatedAt', 'deadline', 'callerKey'],
    [['status', 'deadline'], ['updatedAt'], ['number'], ['callerKey', 'updatedAt']],
  ),
  contacts: schema(
    {
      name: { type: 'string' },
      phone: { type: 'string' },
      address: { type: 'string' },
      employer: { type: 'string' },
      stamps: { type: 'object' },
      updatedAt: hlc,
    },
    ['updatedAt'],
  ),
  units: schema(
    {
      parentId: { type: ['string', 'null'] },
      level: { type: 'string' },
      kind: { type: 'string' },
      name: { type: 'string' },
      shortName: { type: 'string' },
      code: { type: 'string' },
      active: { type: 'boolean' },
      updatedAt: hlc,
    },
    ['updatedAt'],
  ),
  users: schema(
    {
      name: { type: 'string' },
      unitId: { type: 'string' },
      roles: { type: 'array', items: { type: 'string' } },
      active: { type: 'boolean' },
      kind: { type: 'string' },
      updatedAt: hlc,
    },
    ['updatedAt'],
  ),
  ydocs: schema(
    {
      kind: { type: 'string' },
      unitId: { type: 'string' },
      update: { type: 'string' },
      updatedAt: hlc,
    },
    ['updatedAt'],
  ),
  calendar: schema(
    {
      year: { type: 'number' },
      holidays: { type: 'array', items: { type: 'object' } },
      workdays: { type: 'array', items: { type: 'object' } },
      source: { type: 'string' },
      updatedAt: hlc,
    },
    ['updatedAt'],
  ),
  notices: schema(
    {
      unitId: { type: 'string' },
      title: { type: 'string' },
      body: { type: 'string' },
      areaIds: { type: 'array', items: { type: 'string' } },
      validFrom: { type: 'number' },
      validTo: { type: 'number' },
      active: { type: 'boolean' },
      updatedAt: hlc,
    },
    ['updatedAt'],
  ),
  catalogue: schema(
    {
      topicCode: { type: 'string' },
      areaUnitId: { type: 'string' },
      unitId: { type: 'string' },
      active: { type: 'boolean' },
      updatedAt: hlc,
    },
    ['updatedAt'],
  ),
};
