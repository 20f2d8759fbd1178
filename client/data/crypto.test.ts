import { describe, expect, it } from 'vitest';
import {
  ContactDecryptError,
  createDataKey,
  decryptContact,
  encryptContact,
  isEncryptedValue,
  randomSalt,
  unwrapDataKey,
  WrongPasswordError,
  wrapDataKey,
} from './crypto';

const contact = {
  id: 't-0123456789',
  name: '张三',
  phone: '13800138000',
  address: '城关街道幸福路12号3号楼',
  employer: '',
  updatedAt: '2026-11-03T08:15:02.120Z-0000-c01-03',
};

describe('contact encryption at rest', () => {
  it('round-trips a contact through a wrapped key', async () => {
    const salt = randomSalt();
    const wrapped = await wrapDataKey(await createDataKey(), 'pass-1', salt);
    expect(wrapped).toMatch(/^pbkdf2-sha256\.310000\./);
    const key = await unwrapDataKey(wrapped, 'pass-1', salt);
    const stored = await encryptContact(key, contact);
    for (const f of ['name', 'phone', 'address', 'employer'] as const) {
      expect(isEncryptedValue(stored[f])).toBe(true);
    }
    expect(JSON.stringify(stored)).not.toContain('13800138000');
    expect(stored.updatedAt).toBe(contact.updatedAt);
    expect(await decryptContact(key, stored)).toEqual(contact);
    // a fresh IV per value: the same plaintext never encrypts the same way twice
    expect((await encryptContact(key, contact)).phone).not.toBe(stored.phone);
  });

  it('refuses a wrong password with a typed error', async () => {
    const salt = randomSalt();
    const wrapped = await wrapDataKey(await createDataKey(), 'right', salt);
    await expect(unwrapDataKey(wrapped, 'wrong', salt)).rejects.toBeInstanceOf(WrongPasswordError);
    await expect(unwrapDataKey(wrapped, 'right', randomSalt())).rejects.toBeInstanceOf(
      WrongPasswordError,
    );
  });

  it('rejects tampered, moved or foreign ciphertext', async () => {
    const key = await createDataKey();
    const stored = await encryptContact(key, contact);
    const [iv, ct] = stored.phone.split('.') as [string, string];
    const flipped = ct.startsWith('A') ? `B${ct.slice(1)}` : `A${ct.slice(1)}`;
    await expect(decryptContact(key, { ...stored, phone: `${iv}.${flipped}` })).rejects.toThrow(
      ContactDecryptError,
    );
    await expect(decryptContact(key, { ...stored, name: stored.phone })).rejects.toThrow(
      ContactDecryptError,
    );
    await expect(decryptContact(key, { ...stored, id: 't-other-record' })).rejects.toThrow(
      ContactDecryptError,
    );
    await expect(decryptContact(await createDataKey(), stored)).rejects.toThrow(
      ContactDecryptError,
    );
  });
});
