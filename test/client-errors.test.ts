import { request as httpRequest } from 'node:http';
import { AddressInfo, Server } from 'node:net';
import { gzipSync } from 'node:zlib';
import { startApi, TestApi } from './support/api';
import { LogCapture } from './support/log-capture';

let api: TestApi;
let port: number;

beforeAll(async () => {
  api = await startApi();
  await api.app.listen(0, '127.0.0.1');
  port = ((api.app.getHttpServer() as Server).address() as AddressInfo).port;
});

afterAll(async () => {
  await api.close();
});

interface Answer {
  status: number;
  body: unknown;
}

/** POSTs raw bytes to /graphql (plain `http`, so the body is sent exactly as given). */
function post(body: Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `send` with the log captured; returns the answer and the log lines (colours removed). */
async function logged(send: () => Promise<Answer>): Promise<Answer & { lines: string[] }> {
  const capture = new LogCapture();
  capture.start();
  try {
    const answer = await send();
    await new Promise((resolve) => setImmediate(resolve));
    const lines = capture
      .text()
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((l) => l.trim() !== '');
    return { ...answer, lines };
  } finally {
    capture.stop();
  }
}

const secret = 'Hemmelig Vej 7';
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('client errors in the request body', () => {
  it.each([
    [
      'too large',
      413,
      'Payload Too Large',
      '413 entity.too.large: POST /graphql',
      () => post(json({ query: `{ __typename } # ${secret} ${'x'.repeat(2_000_000)}` })),
    ],
    [
      'not JSON',
      400,
      'Bad Request',
      '400: POST /graphql',
      () => post(Buffer.from(`this is no JSON, ${secret}`)),
    ],
    [
      'cut-off JSON',
      400,
      'Bad Request',
      '400: POST /graphql',
      () => post(Buffer.from(`{"query": "${secret}`)),
    ],
    [
      'not gzip',
      400,
      'Bad Request',
      '400 Z_DATA_ERROR: POST /graphql',
      () => post(Buffer.from(`not gzip ${secret}`), { 'content-encoding': 'gzip' }),
    ],
    [
      'cut-off gzip',
      400,
      'Bad Request',
      '400 Z_BUF_ERROR: POST /graphql',
      () =>
        post(gzipSync(JSON.stringify({ query: `{ __typename } # ${secret}` })).subarray(0, 30), {
          'content-encoding': 'gzip',
        }),
    ],
    [
      'unknown encoding',
      415,
      'Unsupported Media Type',
      '415 encoding.unsupported: POST /graphql',
      () => post(json({ query: '{ __typename }' }), { 'content-encoding': 'br2' }),
    ],
  ])('%s: %i, one WARN line without a stack, nothing echoed', async (...args) => {
    const [, status, message, line, send] = args;
    const res = await logged(send);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ statusCode: status, message });
    expect(res.lines).toHaveLength(1);
    expect(res.lines[0]).toMatch(/ WARN: /);
    expect(res.lines[0].endsWith(`[HttpClientError] ${line}`)).toBe(true);
  });

  it('a well-formed gzip body works', async () => {
    const res = await post(gzipSync(JSON.stringify({ query: '{ __typename }' })), {
      'content-encoding': 'gzip',
    });
    expect(res).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });
});
