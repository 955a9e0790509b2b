import { Injectable } from '@nestjs/common';

export interface ThrottleOptions {
  /** Failed attempts allowed before the client is locked out. */
  freeFailures: number;
  /** The first lock; each further failure doubles it. */
  baseLockMs: number;
  maxLockMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** Bounds memory: the oldest clients are forgotten beyond this. */
  maxClients: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  freeFailures: 10,
  baseLockMs: 1000,
  maxLockMs: 15 * 60_000,
  windowMs: 15 * 60_000,
  maxClients: 10_000,
};

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/**
 * Slows down guessing: per client IP, in memory (one process), failures beyond a few lock the
 * client out for a time that doubles with each further failure. A success does not reset the
 * count, so a holder of one valid token cannot use it to keep guessing others at full speed.
 */
@Injectable()
export class AuthThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the client must still wait, or 0 when it may try. */
  retryAfterMs(client: string): number {
    const entry = this.current(client);
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  /** Records a failed attempt; returns the lock it caused (0 while failures are still free). */
  recordFailure(client: string): number {
    const now = this.now();
    const entry = this.current(client) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
    entry.failures += 1;
    entry.lastFailureAt = now;
    const over = entry.failures - this.options.freeFailures;
    const lockMs =
      over >= 0 ? Math.min(this.options.baseLockMs * 2 ** over, this.options.maxLockMs) : 0;
    entry.lockedUntil = lockMs > 0 ? now + lockMs : 0;
    this.entries.delete(client);
    this.entries.set(client, entry);
    this.prune();
    return lockMs;
  }

  private current(client: string): Entry | undefined {
    const entry = this.entries.get(client);
    if (entry && this.now() - entry.lastFailureAt > this.options.windowMs) {
      this.entries.delete(client);
      return undefined;
    }
    return entry;
  }

  private prune(): void {
    while (this.entries.size > this.options.maxClients) {
      const oldest = this.entries.keys().next();
      if (oldest.done) {
        return;
      }
      this.entries.delete(oldest.value);
    }
  }
}
