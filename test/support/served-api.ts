import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { GeographyService } from '../../src/geography/geography.service';
import { Neo4jService } from '../../src/neo4j/neo4j.service';
import { GqlResponse, startApi, TestApi } from './api';

/**
 * The app in-process, listening on a free loopback port: for the suites that time requests over
 * real HTTP (the refusal of expensive queries) while /health/live is asked beside them.
 */
export interface ServedApi {
  api: TestApi;
  /** `http://127.0.0.1:<port>` */
  base: string;
}

async function serveApi(): Promise<ServedApi> {
  const api = await startApi();
  const server = api.app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { api, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * Serves the app for the suite that calls it (its beforeAll and afterAll); `api` and `base` are
 * there from the first test on.
 */
export function serveApiForSuite(): ServedApi {
  let served: ServedApi | null = null;
  beforeAll(async () => {
    served = await serveApi();
  });
  afterAll(async () => {
    await served?.api.close();
  });
  const current = (): ServedApi => {
    if (!served) {
      throw new Error("the app is served from the suite's beforeAll on");
    }
    return served;
  };
  return {
    get api() {
      return current().api;
    },
    get base() {
      return current().base;
    },
  };
}

/** POSTs a query to /graphql without variables: the status and the parsed body. */
export async function postQuery(
  base: string,
  query: string,
): Promise<{ status: number; body: GqlResponse<unknown> }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as GqlResponse<unknown> };
}

/** Asks /health/live back to back until `done` settles; how long each answer took (ms). */
export async function liveWhile(base: string, done: Promise<unknown>): Promise<number[]> {
  let settled = false;
  void done.finally(() => (settled = true));
  const took: number[] = [];
  do {
    const started = performance.now();
    const res = await fetch(`${base}/health/live`);
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    took.push(performance.now() - started);
  } while (!settled);
  return took;
}

export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * Sends `query` and expects it refused with one error of `code` and a message matching `message`,
 * before it ran: no data, and neither the geography nor the graph was read.
 */
export async function expectRefusedBeforeRun(
  base: string,
  query: string,
  code: string,
  message: RegExp,
): Promise<void> {
  const regions = jest.spyOn(GeographyService.prototype, 'get');
  const reads = jest.spyOn(Neo4jService.prototype, 'read');
  try {
    const res = await postQuery(base, query);
    expect(res.status).toBe(400);
    expect(res.body).not.toHaveProperty('data');
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].extensions).toEqual({ code });
    expect(res.body.errors?.[0].message).toMatch(message);
    expect(regions).not.toHaveBeenCalled();
    expect(reads).not.toHaveBeenCalled();
  } finally {
    regions.mockRestore();
    reads.mockRestore();
  }
}
