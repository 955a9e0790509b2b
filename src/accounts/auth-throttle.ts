import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuthAttemptRepository, ThrottleOptions } from './auth-attempt.repository';

export type { ThrottleOptions } from './auth-attempt.repository';

export const DEFAULT_THROTTLE: ThrottleOptions = {
  freeFailures: 10,
  baseLockMs: 1000,
  maxLockMs: 15 * 60_000,
  windowMs: 15 * 60_000,
  trustMs: 30 * 24 * 3_600_000,
};

/** Expired attempts and trusts are deleted at most this often (by each instance). */
const EXPIRE_EVERY_MS = 5 * 60_000;

/** What an authentication attempt may do, decided before the token is looked up. */
export type AttemptDecision =
  | { kind: 'refused'; retryAfterMs: number }
  | { kind: 'try'; settle: (succeeded: boolean) => Promise<void> };

const digest = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** How a client address is stored: its digest, never the address. */
export const clientDigest = (address: string): string => digest(`henvis-client\n${address}`);

/**
 * Slows down guessing, for all API instances together (the state is in Neo4j). Per client
 * address, failures beyond a few lock the address for a time that doubles with each further
 * failure; an attempt is counted *before* its token is looked up, so concurrent guesses cannot
 * outrun the count. A success gives its own attempt back but does not reset the count.
 *
 * While an address is locked, only tokens that have authenticated from it before (within
 * `trustMs`) are still looked up: one misconfigured script cannot lock out the editors who
 * share its address, and a guesser gains nothing, since it has no such token. Addresses and
 * tokens are stored only as SHA-256 digests.
 */
@Injectable()
export class AuthThrottle {
  private readonly logger = new Logger('Auth');
  private nextExpiry = 0;
  /** The reservation in flight per client in this process (see `reserveInTurn`). */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly attempts: AuthAttemptRepository,
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  async attempt(clientAddress: string, token: string): Promise<AttemptDecision> {
    const client = clientDigest(clientAddress);
    const trustKey = digest(`henvis-trust\n${clientAddress}\n${token}`);
    this.expireNowAndThen();
    const reservation = await this.reserveInTurn(client, trustKey);
    if (!reservation.reserved && !reservation.trusted) {
      return { kind: 'refused', retryAfterMs: Math.max(1, reservation.retryAfterMs) };
    }
    return {
      kind: 'try',
      settle: async (succeeded) => {
        if (succeeded) {
          await this.attempts.succeeded(client, trustKey, reservation, this.now(), this.options);
          return;
        }
        await this.attempts.failed(
          client,
          trustKey,
          reservation.reserved,
          this.now(),
          this.options,
        );
        if (reservation.lockMs > 0) {
          // The client address only: never the token or anything the request carried.
          this.logger.warn(
            `repeated failed authentication from ${clientAddress}; waiting ${reservation.lockMs} ms`,
          );
        }
      },
    };
  }

  /**
   * One reservation per client at a time in this process: a burst from one address (a script
   * gone wrong, a guesser) waits here in turn instead of taking every pooled connection to
   * queue on the same node lock in Neo4j. Needed even though an exhausted pool answers
   * UNAVAILABLE rather than an internal error: without it, such a burst would make every other
   * client's requests fail with UNAVAILABLE for as long as it lasts; with it, the burst's
   * reservations (which would all wait on one node lock in Neo4j) take at most one connection per
   * address and instance, and only its own requests wait. (Across instances the count itself is
   * shared through Neo4j; this only protects the local pool.)
   */
  private async reserveInTurn(client: string, trustKey: string) {
    const before = this.inFlight.get(client) ?? Promise.resolve();
    const mine = before
      .catch(() => undefined)
      .then(() => this.attempts.reserve(client, trustKey, this.now(), this.options));
    this.inFlight.set(client, mine);
    try {
      return await mine;
    } finally {
      if (this.inFlight.get(client) === mine) {
        this.inFlight.delete(client);
      }
    }
  }

  private expireNowAndThen(): void {
    const now = this.now();
    if (now < this.nextExpiry) {
      return;
    }
    this.nextExpiry = now + EXPIRE_EVERY_MS;
    this.attempts.expire(now).catch((error: unknown) => {
      this.logger.warn(
        `could not delete expired attempts: ${error instanceof Error ? error.name : 'error'}`,
      );
    });
  }
}
