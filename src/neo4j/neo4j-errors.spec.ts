import { Neo4jError } from 'neo4j-driver';
import { AppError, ErrorCode } from '../common/app-error';
import { isPoolExhausted, mapNeo4jError, outageReason } from './neo4j-errors';

const error = (code: string): Neo4jError =>
  new Neo4jError('text that is never shown', code, '', '');

/** Like neo4j-driver-core's `newError(message)`: the code N/A, GQL status 50N42. */
const newError = (message: string): Neo4jError =>
  new Neo4jError(
    message,
    'N/A',
    '50N42',
    `error: general processing exception - unexpected error. ${message}`,
  );

describe('mapNeo4jError', () => {
  it.each([
    ['ServiceUnavailable', ErrorCode.UNAVAILABLE],
    ['SessionExpired', ErrorCode.UNAVAILABLE],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', ErrorCode.UNAVAILABLE],
    ['Neo.ClientError.Schema.ConstraintValidationFailed', ErrorCode.CONFLICT],
  ])('%s → %s', (code, expected) => {
    const mapped = mapNeo4jError(error(code));
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe(expected);
    expect((mapped as AppError).message).not.toContain('never shown');
  });

  it('maps an exhausted connection pool to UNAVAILABLE, without the pool status', () => {
    // What neo4j-driver-core's pool rejects with (internal/pool/pool.js): code N/A.
    const exhausted = newError(
      'Connection acquisition timed out in 300 ms. Pool status: Active conn count = 1, Idle conn count = 0.',
    );
    expect(exhausted.code).toBe('N/A');
    expect(isPoolExhausted(exhausted)).toBe(true);
    const mapped = mapNeo4jError(exhausted);
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe(ErrorCode.UNAVAILABLE);
    expect((mapped as AppError).message).toBe('The database is busy; try again shortly.');
    // Not an outage: the database answers, this instance is only short of connections.
    expect(outageReason(exhausted)).toBeUndefined();
  });

  it('leaves other N/A errors and look-alike messages as they are', () => {
    const other = newError('Pool is closed, it is no more able to serve requests.');
    expect(mapNeo4jError(other)).toBe(other);
    const plain = new Error('Connection acquisition timed out in 300 ms.');
    expect(mapNeo4jError(plain)).toBe(plain);
    const coded = error('Neo.ClientError.Statement.SyntaxError');
    expect(isPoolExhausted(coded)).toBe(false);
  });

  it('leaves other errors as they are', () => {
    const other = error('Neo.ClientError.Statement.SyntaxError');
    expect(mapNeo4jError(other)).toBe(other);
  });
});

describe('outageReason', () => {
  it('names the code of an outage, and nothing else', () => {
    expect(outageReason(error('ServiceUnavailable'))).toBe('ServiceUnavailable');
    expect(
      outageReason(error('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration')),
    ).toBeUndefined();
    expect(outageReason(new Error('ServiceUnavailable'))).toBeUndefined();
  });
});
