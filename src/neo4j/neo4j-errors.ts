import { Neo4jError } from 'neo4j-driver';
import { AppError, ErrorCode } from '../common/app-error';

/** Codes meaning the database cannot be reached or used right now (an outage). */
const OUTAGE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Security.Unauthorized',
]);

/** Codes of a transaction the server stopped because it ran longer than its timeout. */
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/**
 * Every pooled connection stayed busy for the acquisition timeout. neo4j-driver-core's pool
 * (internal/pool/pool.js) rejects with `newError('Connection acquisition timed out in N ms. Pool
 * status: …')`: a Neo4jError with the catch-all code `N/A` (and GQL status 50N42), so the code
 * alone cannot tell it from other client-side failures; the code and the message's fixed start
 * together do. Not an outage: the database answers, this instance is only short of connections.
 */
export function isPoolExhausted(error: unknown): boolean {
  return (
    error instanceof Neo4jError &&
    error.code === 'N/A' &&
    error.message.startsWith('Connection acquisition timed out')
  );
}

/**
 * Maps a driver error to what the client may see, by its code (never by message text alone: see
 * `isPoolExhausted`). Anything not listed is returned unchanged and ends up as a generic internal
 * error.
 */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof AppError) {
    return error;
  }
  if (error instanceof Neo4jError) {
    if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new AppError(ErrorCode.CONFLICT);
    }
    if (OUTAGE_CODES.has(error.code)) {
      return databaseUnreachable();
    }
    if (TIMEOUT_CODES.has(error.code)) {
      return new AppError(ErrorCode.UNAVAILABLE, 'The database took too long to answer.');
    }
    if (isPoolExhausted(error)) {
      return new AppError(ErrorCode.UNAVAILABLE, 'The database is busy; try again shortly.');
    }
  }
  return error;
}

/** What a client is told while Neo4j cannot be reached. */
export function databaseUnreachable(): AppError {
  return new AppError(ErrorCode.UNAVAILABLE, 'The database is not reachable right now.');
}

/** The error's code when it means Neo4j is unreachable (an outage starts), else undefined. */
export function outageReason(error: unknown): string | undefined {
  return error instanceof Neo4jError && OUTAGE_CODES.has(error.code) ? error.code : undefined;
}
