import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Recognisable in config files and secret scanners; the rest is 256 random bits. */
export const TOKEN_PREFIX = 'hv_';
const TOKEN_PATTERN = /^hv_[A-Za-z0-9_-]{43}$/;

/** A new random token (32 bytes, base64url): shown once to its owner, never stored. */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up: the SHA-256 of the token, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** Compares two hex hashes in constant time (after the indexed lookup found a candidate). */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export type BearerResult =
  { kind: 'none' } | { kind: 'malformed' } | { kind: 'token'; token: string };

/** Reads `Authorization: Bearer <token>`; no header is a public caller, anything else malformed. */
export function readBearer(header: string | string[] | undefined): BearerResult {
  if (header === undefined || header === '') {
    return { kind: 'none' };
  }
  if (Array.isArray(header)) {
    return { kind: 'malformed' };
  }
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  return match ? { kind: 'token', token: match[1] } : { kind: 'malformed' };
}
