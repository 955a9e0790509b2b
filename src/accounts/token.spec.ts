import { generateToken, hashToken, looksLikeToken, readBearer, sameHash } from './token';

describe('tokens', () => {
  it('are random, prefixed and 256 bits', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).not.toBe(b);
    expect(a.startsWith('hv_')).toBe(true);
    expect(Buffer.from(a.slice(3), 'base64url')).toHaveLength(32);
    expect(looksLikeToken(a)).toBe(true);
    expect(looksLikeToken(`${a}x`)).toBe(false);
    expect(looksLikeToken('hv_short')).toBe(false);
  });

  it('are stored as a SHA-256 hash compared in constant time', () => {
    const t = generateToken();
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(sameHash(hashToken(t), hashToken(t))).toBe(true);
    expect(sameHash(hashToken(t), hashToken(generateToken()))).toBe(false);
    expect(sameHash('', '')).toBe(false);
  });

  it('reads the bearer header', () => {
    expect(readBearer(undefined)).toEqual({ kind: 'none' });
    expect(readBearer('')).toEqual({ kind: 'none' });
    expect(readBearer('Bearer abc')).toEqual({ kind: 'token', token: 'abc' });
    expect(readBearer('bearer abc')).toEqual({ kind: 'token', token: 'abc' });
    expect(readBearer('Basic abc')).toEqual({ kind: 'malformed' });
    expect(readBearer('Bearer a b')).toEqual({ kind: 'malformed' });
  });
});
