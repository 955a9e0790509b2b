import { MeiliHttpError } from './meili-http';
import { backoffMs, errorName } from './search-sync.worker';

describe('backoffMs', () => {
  it('doubles after each failure, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 20].map((n) => backoffMs(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});

describe('errorName', () => {
  it('names the error and what the client wrapped, never the message', () => {
    const wrapped = Object.assign(new Error('POST http://… failed: secret text'), {
      name: 'MeilisearchRequestError',
      cause: new MeiliHttpError(404, { code: 'index_not_found', message: 'secret text' }),
    });
    expect(errorName(wrapped)).toBe(
      'MeilisearchRequestError <- MeilisearchApiError:index_not_found',
    );
    expect(errorName(new Error('secret text'))).toBe('Error');
    expect(errorName('secret text')).toBe('unknown');
  });
});
