import { Neo4jError } from 'neo4j-driver';
import { AppError, ErrorCode } from '../common/app-error';

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Security.Unauthorized',
]);

/**
 * Maps a driver error to what the client may see, by its code (never by message text). Anything
 * not listed is returned unchanged and ends up as a generic internal error.
 */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof AppError) {
    return error;
  }
  if (error instanceof Neo4jError) {
    if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new AppError(ErrorCode.CONFLICT);
    }
    if (UNAVAILABLE_CODES.has(error.code)) {
      return new AppError(ErrorCode.UNAVAILABLE, 'The database is not reachable right now.');
    }
  }
  return error;
}
