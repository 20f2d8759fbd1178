/**
 * @module
 * Caller keys: repeat calls must be countable where the phone number must not
 * be seen. The key is HMAC-SHA256 of the normalized number under a secret the
 * whole network shares and tablets receive only after login.
 */

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Normalizes a Chinese phone number to E.164 so the same caller always gets
 * the same key: `138 0013 8000`, `+86 13800138000` and `008613800138000` are
 * one number; a landline keeps its area code (`0571-8888 1234` → `+8657188881234`).
 * Input that is no valid number falls back to its digits, so nothing is lost.
 * @example normalizePhone('138-0013-8000') // '+8613800138000'
 */
export function normalizePhone(raw: string): string {
  const cleaned = raw.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, 'CN');
  if (parsed?.isValid()) return parsed.number;
  return raw.replace(/\D/g, '');
}

/**
 * The caller key of a phone number: 64 hex digits.
 * @example callerKey('138 0013 8000', networkSecret)
 */
export function callerKey(phone: string, networkSecret: string): string {
  if (networkSecret.length < 16) throw new RangeError('network secret too short');
  const normalized = normalizePhone(phone);
  if (normalized === '') throw new RangeError('no digits in phone number');
  return bytesToHex(hmac(sha256, utf8ToBytes(networkSecret), utf8ToBytes(normalized)));
}
