import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';
import { cypher } from '../neo4j/cypher';

export interface ThrottleOptions {
  /** Failed attempts allowed before the client is locked out. */
  freeFailures: number;
  /** The first lock; each further failure doubles it. */
  baseLockMs: number;
  maxLockMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** How long a token that authenticated from an address stays trusted there. */
  trustMs: number;
}

export interface Reservation {
  /** The attempt was counted (as a failure until `settle` says it succeeded). */
  reserved: boolean;
  /** The address is locked, but this token authenticated from it before: it may be tried. */
  trusted: boolean;
  /** How long the client must wait (0 unless refused). */
  retryAfterMs: number;
  /** The lock this reservation started (0 if none), for the log. */
  lockMs: number;
  /** The client's lock before and after this reservation (epoch ms), to undo it on success. */
  previousLockedUntil: number;
  lockedUntil: number;
}

/**
 * One write, under the attempt node's write lock (taken by `SET _lock` before anything is read,
 * so concurrent requests of one client, on any API instance, are counted one after the other):
 * an unlocked client's attempt is counted before its token is looked up, and the count that
 * reaches `freeFailures` locks the client (doubling for each further failure).
 */
const RESERVE = cypher`
MERGE (a:AuthAttempt {client: $client})
ON CREATE SET a.failures = 0, a.lockedUntil = 0, a.lastFailureAt = 0, a.expiresAt = 0
SET a._lock = true
REMOVE a._lock
WITH a, $now - a.lastFailureAt > $windowMs AS forgotten
WITH a, CASE WHEN forgotten THEN 0 ELSE a.failures END AS failures,
        CASE WHEN forgotten THEN 0 ELSE a.lockedUntil END AS lockedUntil
OPTIONAL MATCH (t:AuthTrust {key: $trustKey}) WHERE t.expiresAt > $now
WITH a, failures, lockedUntil, lockedUntil > $now AS locked, t IS NOT NULL AS trusted
WITH a, lockedUntil, locked, trusted, NOT locked AS reserved,
     CASE WHEN locked THEN failures ELSE failures + 1 END AS counted
WITH a, locked, trusted, reserved, counted, lockedUntil,
     CASE WHEN reserved AND counted >= $freeFailures
       THEN $baseLockMs * 2 ^ CASE WHEN counted - $freeFailures > 20 THEN 20
                                   ELSE counted - $freeFailures END
       ELSE 0 END AS rawLock
WITH a, locked, trusted, reserved, counted, lockedUntil,
     toInteger(CASE WHEN rawLock > $maxLockMs THEN $maxLockMs ELSE rawLock END) AS lockMs
WITH a, locked, trusted, reserved, counted, lockMs, lockedUntil AS previousLockedUntil,
     CASE WHEN lockMs > 0 THEN $now + lockMs ELSE lockedUntil END AS lockedUntil
SET a.failures = counted,
    a.lockedUntil = lockedUntil,
    a.lastFailureAt = CASE WHEN reserved THEN $now ELSE a.lastFailureAt END,
    a.expiresAt = CASE WHEN reserved THEN $now + $windowMs ELSE a.expiresAt END
RETURN reserved, trusted, lockMs, previousLockedUntil, lockedUntil,
       CASE WHEN locked AND NOT trusted THEN lockedUntil - $now ELSE 0 END AS retryAfterMs`;

/**
 * A success: gives back its reservation (and the lock it started, unless a later failure has
 * locked the client since) and trusts the token from this client.
 */
const SUCCEEDED = cypher`
MATCH (a:AuthAttempt {client: $client})
SET a._lock = true
REMOVE a._lock
SET a.failures = CASE WHEN $reserved AND a.failures > 0 THEN a.failures - 1 ELSE a.failures END,
    a.lockedUntil = CASE WHEN $reserved AND a.lockedUntil = $lockedUntil
                         THEN $previousLockedUntil ELSE a.lockedUntil END
MERGE (t:AuthTrust {key: $trustKey})
SET t.client = $client, t.expiresAt = $now + $trustMs`;

/**
 * A failure: the token is no longer trusted there; an attempt that was not reserved (a trusted
 * token tried while the client was locked) is counted now, with the lock it earns.
 */
const FAILED = cypher`
OPTIONAL MATCH (t:AuthTrust {key: $trustKey})
DETACH DELETE t
WITH count(*) AS _
MATCH (a:AuthAttempt {client: $client})
WHERE NOT $reserved
SET a._lock = true
REMOVE a._lock
WITH a, a.failures + 1 AS counted
WITH a, counted, CASE WHEN counted >= $freeFailures
       THEN $baseLockMs * 2 ^ CASE WHEN counted - $freeFailures > 20 THEN 20
                                   ELSE counted - $freeFailures END
       ELSE 0 END AS rawLock
WITH a, counted, toInteger(CASE WHEN rawLock > $maxLockMs THEN $maxLockMs ELSE rawLock END) AS lockMs
SET a.failures = counted, a.lastFailureAt = $now, a.expiresAt = $now + $windowMs,
    a.lockedUntil = CASE WHEN lockMs > 0 THEN $now + lockMs ELSE a.lockedUntil END`;

const EXPIRE = cypher`
CALL {
  MATCH (a:AuthAttempt) WHERE a.expiresAt < $now
  WITH a LIMIT 1000 DETACH DELETE a RETURN count(*) AS attempts
}
CALL {
  MATCH (t:AuthTrust) WHERE t.expiresAt < $now
  WITH t LIMIT 1000 DETACH DELETE t RETURN count(*) AS trusts
}
RETURN attempts + trusts AS deleted`;

@Injectable()
export class AuthAttemptRepository {
  constructor(private readonly neo: Neo4jService) {}

  async reserve(
    client: string,
    trustKey: string,
    now: number,
    options: ThrottleOptions,
  ): Promise<Reservation> {
    const [row] = await this.neo.write<Reservation>(RESERVE, {
      client,
      trustKey,
      now,
      ...options,
    });
    return row;
  }

  async succeeded(
    client: string,
    trustKey: string,
    reservation: Reservation,
    now: number,
    options: ThrottleOptions,
  ): Promise<void> {
    await this.neo.write(SUCCEEDED, {
      client,
      trustKey,
      reserved: reservation.reserved,
      previousLockedUntil: reservation.previousLockedUntil,
      lockedUntil: reservation.lockedUntil,
      now,
      ...options,
    });
  }

  async failed(
    client: string,
    trustKey: string,
    reserved: boolean,
    now: number,
    options: ThrottleOptions,
  ): Promise<void> {
    await this.neo.write(FAILED, { client, trustKey, reserved, now, ...options });
  }

  async expire(now: number): Promise<number> {
    const [row] = await this.neo.write<{ deleted: number }>(EXPIRE, { now });
    return row?.deleted ?? 0;
  }
}
