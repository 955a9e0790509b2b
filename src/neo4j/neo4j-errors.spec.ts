import { Neo4jError } from 'neo4j-driver';
import { AppError, ErrorCode } from '../common/app-error';
import { mapNeo4jError, outageReason } from './neo4j-errors';

const error = (code: string): Neo4jError =>
  new Neo4jError('text that is never shown', code, '', '');

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
