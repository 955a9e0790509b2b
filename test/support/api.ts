import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { Neo4jService } from '../../src/neo4j/neo4j.service';
import { deleteByPrefix } from './factory';
import { clearAttempts, deleteTokensAndOutbox } from './tokens';

export interface GqlError {
  message: string;
  path?: string[];
  extensions: { code: string; [key: string]: unknown };
}

export interface GqlResponse<T> {
  data: T | null;
  errors?: GqlError[];
}

export interface TestApi {
  app: INestApplication;
  neo: Neo4jService;
  /** POSTs a GraphQL operation to /graphql and returns the parsed body. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

/**
 * The real app (same global pipes as main.ts), served in-process for supertest; `overrides`
 * change the validated configuration (e.g. `production`).
 */
export async function startApi(overrides: Partial<AppConfig> = {}): Promise<TestApi> {
  const app = await createApp({ ...loadConfig(), ...overrides });
  await app.init();
  const neo = app.get(Neo4jService);
  await clearAttempts(neo);
  return {
    app,
    neo,
    async gql<T>(query: string, variables?: Record<string, unknown>, token?: string) {
      let req = request(app.getHttpServer() as Parameters<typeof request>[0])
        .post('/graphql')
        .set('content-type', 'application/json');
      if (token) {
        req = req.set('authorization', `Bearer ${token}`);
      }
      const res = await req.send({ query, variables });
      return res.body as GqlResponse<T>;
    },
    close: () => app.close(),
  };
}

/**
 * A suite's afterAll: deletes what it made under its prefix (services, organisations and what
 * hangs off them, tokens, search outbox entries), then closes the app.
 */
export async function closeApi(api: TestApi, prefix: string): Promise<void> {
  await deleteTokensAndOutbox(api.neo, prefix);
  await deleteByPrefix(api.neo, prefix);
  await api.close();
}

/** The data of a response that must have succeeded (fails the test with the errors otherwise). */
export function ok<T>(res: GqlResponse<T>): T {
  if (res.errors && res.errors.length > 0) {
    throw new Error(`unexpected GraphQL errors: ${JSON.stringify(res.errors)}`);
  }
  if (!res.data) {
    throw new Error('no data');
  }
  return res.data;
}

/** The single error of a response that must have failed. */
export function errorOf(res: GqlResponse<unknown>): GqlError {
  if (!res.errors || res.errors.length === 0) {
    throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
  }
  return res.errors[0];
}
