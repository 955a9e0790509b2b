import { Role } from '../src/accounts/models/api-token.model';
import { errorOf, ok, startApi, TestApi } from './support/api';
import { uniquePrefix } from './support/factory';
import { createToken, deleteTokensAndOutbox } from './support/tokens';

/** Its own file (and app instance): the lock-out it provokes would slow other tests down. */
const P = uniquePrefix('throttle');
const ME = '{ me { role } }';
let api: TestApi;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await deleteTokensAndOutbox(api.neo, P);
  await api.close();
});

it('slows down a client after repeated failed authentication, with a growing wait', async () => {
  const { token } = await createToken(api.neo, `${P} admin`, Role.ADMIN);
  const wrong = `hv_${'B'.repeat(43)}`;
  for (let i = 0; i < 9; i++) {
    expect(errorOf(await api.gql(ME, {}, wrong)).message).toBe(
      'The API token is not valid (unknown, malformed or revoked).',
    );
  }
  expect(ok(await api.gql(ME, {}, token)).me).toEqual({ role: 'ADMIN' });

  // The tenth failure locks the client out for a second: even a valid token must wait.
  expect(errorOf(await api.gql(ME, {}, wrong)).extensions.code).toBe('UNAUTHENTICATED');
  const locked = errorOf(await api.gql(ME, {}, token));
  expect(locked.extensions).toEqual({
    code: 'UNAUTHENTICATED',
    reason: 'TOO_MANY_ATTEMPTS',
    retryAfterSeconds: 1,
  });
  expect(locked.message).toBe('Too many failed authentication attempts; try again in 1 s.');
  // Public requests carry no token and are not held up.
  expect(ok(await api.gql(ME)).me).toEqual({ role: null });

  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect(ok(await api.gql(ME, {}, token)).me).toEqual({ role: 'ADMIN' });

  // The next failure doubles the wait.
  errorOf(await api.gql(ME, {}, wrong));
  expect(errorOf(await api.gql(ME, {}, token)).extensions).toMatchObject({
    reason: 'TOO_MANY_ATTEMPTS',
    retryAfterSeconds: 2,
  });
});
