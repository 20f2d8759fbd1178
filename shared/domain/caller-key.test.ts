import { describe, expect, it } from 'vitest';
import { callerKey, normalizePhone } from './caller-key';

const SECRET = 'network-secret-for-tests-0001';

describe('caller key', () => {
  it.each([
    ['138 0013 8000', '+8613800138000'],
    ['+86 138-0013-8000', '+8613800138000'],
    ['008613800138000', '+8613800138000'],
    ['0571-8888 1234', '+8657188881234'],
    ['(0571) 88881234', '+8657188881234'],
    ['12345', '12345'],
  ])('normalizes %s to %s', (raw, normalized) => {
    expect(normalizePhone(raw)).toBe(normalized);
  });

  it('gives one key for one caller however the number was typed', () => {
    const a = callerKey('138 0013 8000', SECRET);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(callerKey('+86 13800138000', SECRET)).toBe(a);
    expect(callerKey('13800138001', SECRET)).not.toBe(a);
  });

  it('depends on the network secret and never contains the number', () => {
    const a = callerKey('13800138000', SECRET);
    expect(callerKey('13800138000', `${SECRET}-other`)).not.toBe(a);
    expect(a).not.toContain('13800138000');
  });

  it('refuses a weak secret and an empty number', () => {
    expect(() => callerKey('13800138000', 'short')).toThrow(RangeError);
    expect(() => callerKey('  -- ', SECRET)).toThrow(RangeError);
  });
});
