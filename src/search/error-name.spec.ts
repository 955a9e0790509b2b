import { MeiliHttpError } from './meilisearch/meili-http';
import { errorName } from './error-name';

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
