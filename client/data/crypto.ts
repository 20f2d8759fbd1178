/**
 * @module
 * Caller contacts encrypted at rest (WebCrypto only, so it runs in browsers
 * and Node 20 alike). Each contact field is AES-GCM under a random 256-bit
 * data key, with a fresh 96-bit IV per value and the record id and field
 * name as additional data (a value moved to another field or record fails to
 * decrypt). The data key is stored only wrapped (AES-KW) by a key derived with
 * PBKDF2-SHA256 from the user's password and a per-device salt, so it is
 * released by a sign-in or an offline unlock and by nothing else.
 */

import type { CallerContact } from '../../shared/schema/records';

/** OWASP's floor for PBKDF2-HMAC-SHA256; stored with each wrapped key so it can rise later. */
export const PBKDF2_ITERATIONS = 310_000;
export const CONTACT_FIELDS = ['name', 'phone', 'address', 'employer'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type ContactFields = Pick<CallerContact, ContactField>;

const WRAP_PREFIX = 'pbkdf2-sha256';
const IV_BYTES = 12;

/** The password does not unwrap this device's data key. */
export class WrongPasswordError extends Error {
  readonly reason = 'wrong_password' as const;
  constructor() {
    super('wrong password: the data key cannot be unwrapped');
    this.name = 'WrongPasswordError';
  }
}

/** A stored contact value is not ours, was tampered with, or was made under another key. */
export class ContactDecryptError extends Error {
  readonly reason = 'undecryptable' as const;
  constructor(readonly field: string) {
    super(`contact field ${field} cannot be decrypted`);
    this.name = 'ContactDecryptError';
  }
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto is not available (a secure context is required)');
  return s;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Random bytes for a per-device salt. */
export function randomSalt(bytes = 16): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(bytes));
}

/**
 * A fresh AES-GCM 256 data key (extractable only so it can be wrapped once).
 * @example const key = await createDataKey();
 */
export function createDataKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, [
    'encrypt',
    'decrypt',
  ]) as Promise<CryptoKey>;
}

async function deriveWrappingKey(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', utf8.encode(password), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/**
 * Wraps the data key under the password: `pbkdf2-sha256.<iterations>.<base64>`.
 * @example const wrapped = await wrapDataKey(key, 'secret', salt);
 */
export async function wrapDataKey(
  key: CryptoKey,
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  if (iterations < PBKDF2_ITERATIONS) throw new RangeError('too few PBKDF2 iterations');
  const kek = await deriveWrappingKey(password, salt, iterations);
  const wrapped = new Uint8Array(await subtle().wrapKey('raw', key, kek, 'AES-KW'));
  return `${WRAP_PREFIX}.${iterations}.${toBase64(wrapped)}`;
}

/**
 * Unwraps the data key (not extractable afterwards); a wrong password throws
 * {@link WrongPasswordError} (AES-KW's integrity check fails).
 * @example const key = await unwrapDataKey(wrapped, password, salt);
 */
export async function unwrapDataKey(
  wrapped: string,
  password: string,
  salt: Uint8Array<ArrayBuffer>,
): Promise<CryptoKey> {
  const [prefix, iterText, body] = wrapped.split('.');
  const iterations = Number(iterText);
  if (prefix !== WRAP_PREFIX || !body || !Number.isInteger(iterations)) {
    throw new RangeError('not a wrapped data key');
  }
  if (iterations < PBKDF2_ITERATIONS) throw new RangeError('too few PBKDF2 iterations');
  const kek = await deriveWrappingKey(password, salt, iterations);
  try {
    return await subtle().unwrapKey(
      'raw',
      fromBase64(body),
      kek,
      'AES-KW',
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  } catch {
    throw new WrongPasswordError();
  }
}

const aad = (recordId: string, field: string) => utf8.encode(`${recordId}|${field}`);

/** A stored value looks like `base64(iv).base64(ciphertext)`. */
export function isEncryptedValue(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9+/]{16}\.[A-Za-z0-9+/=]{22,}$/.test(value);
}

async function encryptValue(key: CryptoKey, recordId: string, field: string, value: string) {
  const iv = randomSalt(IV_BYTES);
  const ct = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: aad(recordId, field) },
    key,
    utf8.encode(value),
  );
  return `${toBase64(iv)}.${toBase64(new Uint8Array(ct))}`;
}

async function decryptValue(key: CryptoKey, recordId: string, field: string, stored: string) {
  const [ivText, ctText] = stored.split('.');
  if (!ivText || !ctText) throw new ContactDecryptError(field);
  try {
    const iv = fromBase64(ivText);
    const pt = await subtle().decrypt(
      { name: 'AES-GCM', iv, additionalData: aad(recordId, field) },
      key,
      fromBase64(ctText),
    );
    return utf8Decoder.decode(pt);
  } catch {
    throw new ContactDecryptError(field);
  }
}

/**
 * Seals one secret string under the data key (e.g. the network secret that
 * makes caller keys), bound to a purpose so it cannot be swapped with another.
 * @example const sealed = await sealSecret(key, 'network-secret', secret);
 */
export function sealSecret(key: CryptoKey, purpose: string, value: string): Promise<string> {
  return encryptValue(key, purpose, 'secret', value);
}

/** Opens what {@link sealSecret} sealed. */
export function openSecret(key: CryptoKey, purpose: string, sealed: string): Promise<string> {
  return decryptValue(key, purpose, 'secret', sealed);
}

/**
 * Encrypts the four contact fields in place of their values; other fields
 * (`stamps`, `updatedAt`) stay clear, since replication merges on them.
 * @example const stored = await encryptContact(key, contact);
 */
export async function encryptContact<T extends { id: string } & Partial<ContactFields>>(
  key: CryptoKey,
  contact: T,
): Promise<T> {
  const out: T = { ...contact };
  await Promise.all(
    CONTACT_FIELDS.map(async (f) => {
      const v = contact[f];
      if (typeof v === 'string')
        out[f] = (await encryptValue(key, contact.id, f, v)) as T[typeof f];
    }),
  );
  return out;
}

/**
 * Decrypts what {@link encryptContact} stored; a tampered value, another
 * key or a value moved between fields throws {@link ContactDecryptError}.
 * @example const contact = await decryptContact(key, await db.contacts.findOne(id).exec());
 */
export async function decryptContact<T extends { id: string } & Partial<ContactFields>>(
  key: CryptoKey,
  stored: T,
): Promise<T> {
  const out: T = { ...stored };
  await Promise.all(
    CONTACT_FIELDS.map(async (f) => {
      const v = stored[f];
      if (typeof v === 'string') out[f] = (await decryptValue(key, stored.id, f, v)) as T[typeof f];
    }),
  );
  return out;
}
