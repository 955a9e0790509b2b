import { AuthThrottle } from './auth-throttle';

describe('AuthThrottle', () => {
  let now = 0;
  const make = (): AuthThrottle =>
    new AuthThrottle(
      { freeFailures: 3, baseLockMs: 1000, maxLockMs: 4000, windowMs: 60_000, maxClients: 2 },
      () => now,
    );

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows a few failures, then locks for a doubling, capped time', () => {
    const t = make();
    expect([t.recordFailure('ip'), t.recordFailure('ip')]).toEqual([0, 0]);
    expect(t.retryAfterMs('ip')).toBe(0);
    expect(t.recordFailure('ip')).toBe(1000);
    expect(t.retryAfterMs('ip')).toBe(1000);
    now += 1000;
    expect(t.retryAfterMs('ip')).toBe(0);
    expect(t.recordFailure('ip')).toBe(2000);
    expect(t.recordFailure('ip')).toBe(4000);
    expect(t.recordFailure('ip')).toBe(4000);
    expect(t.retryAfterMs('other')).toBe(0);
  });

  it('forgets failures after the window and bounds its memory', () => {
    const t = make();
    t.recordFailure('a');
    t.recordFailure('a');
    t.recordFailure('a');
    now += 60_001;
    expect(t.retryAfterMs('a')).toBe(0);
    expect(t.recordFailure('a')).toBe(0);
  });

  it('bounds its memory by forgetting the oldest clients', () => {
    const t = make();
    t.recordFailure('b');
    t.recordFailure('b');
    t.recordFailure('c');
    t.recordFailure('d');
    // 'b' was the oldest of three clients (max two), so its third failure counts as its first.
    expect(t.recordFailure('b')).toBe(0);
    expect(t.recordFailure('d')).toBe(0);
    expect(t.recordFailure('d')).toBe(1000);
  });
});
