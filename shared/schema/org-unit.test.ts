import { describe, expect, it } from 'vitest';
import { type OrgUnit, OrgUnitSchema, UnitIdSchema } from './org-unit';

const county: OrgUnit = {
  id: 'c01-k02',
  parentId: 'c01',
  level: 'county',
  kind: 'centre',
  name: '青川县县长公开电话办公室',
  shortName: '青川县热线办',
  code: '1102',
  active: true,
  updatedAt: '2026-01-05T08:00:00.000Z-0000-city',
};
const township: OrgUnit = {
  ...county,
  id: 'c01-k02-t05',
  parentId: 'c01-k02',
  level: 'township',
  kind: 'handling',
  name: '白沙镇',
  shortName: '白沙镇',
  code: '',
};

describe('OrgUnitSchema', () => {
  it.each([
    ['a county centre', county],
    ['a township with no code', township],
    ['a handling unit with a local code', { ...township, code: 'BS-05' }],
    ['the root', { ...county, id: 'p', parentId: null, level: 'province', code: '1000' }],
    ['an inactive unit', { ...township, active: false }],
  ])('accepts %s', (_label, unit) => {
    expect(OrgUnitSchema.safeParse(unit).success).toBe(true);
  });

  it.each([
    ['a centre without a code', { ...county, code: '' }, 'code'],
    ['a centre with a 3-digit code', { ...county, code: '110' }, 'code'],
    ['a centre with letters in its code', { ...county, code: '11a2' }, 'code'],
    ['a handling code over 8 chars', { ...township, code: '123456789' }, 'code'],
    ['a centre at township level', { ...county, level: 'township' }, 'level'],
    ['a handling unit at county level', { ...township, level: 'county' }, 'level'],
    ['its own parent', { ...township, parentId: 'c01-k02-t05' }, 'parentId'],
    ['an uppercase id', { ...township, id: 'C01' }, 'id'],
    ['an empty name', { ...township, name: '' }, 'name'],
    ['a 21-char short name', { ...township, shortName: '镇'.repeat(21) }, 'shortName'],
    ['an unknown level', { ...township, level: 'village' }, 'level'],
    ['an extra field', { ...township, phone: '12345' }, ''],
    ['an over-long updatedAt', { ...township, updatedAt: 'x'.repeat(81) }, 'updatedAt'],
  ])('refuses %s', (_label, unit, path) => {
    const result = OrgUnitSchema.safeParse(unit);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('UnitIdSchema', () => {
  it.each([
    ['p', true],
    ['c01-k02-t05', true],
    ['a'.repeat(40), true],
    ['a'.repeat(41), false],
    ['', false],
    ['c01_k02', false],
    ['白沙', false],
  ])('%s → %s', (id, ok) => {
    expect(UnitIdSchema.safeParse(id).success).toBe(ok);
  });
});
