import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { expectRefusedBeforeRun, liveWhile, median, serveApiForSuite } from './support/served-api';

/**
 * No request without a token, of any shape, costs more than a couple of milliseconds of
 * processor time before it is refused. Each known expensive shape is sent 40 at once (by a
 * child process, so this process measures the server alone) while /health/live is asked back
 * to back; it must keep answering within 100 ms.
 */
const served = serveApiForSuite();

const repeat = (n: number, text: string): string => Array.from({ length: n }, () => text).join(' ');
const numbered = (n: number, text: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => text(i)).join(' ');

/** Each shape, the code it is refused with and the start of its message. */
const SHAPES: [string, string, string, RegExp][] = [
  [
    '990 copies of regions { code } (13.9 kB)',
    `{${repeat(990, 'regions{code}')}}`,
    'GRAPHQL_VALIDATION_FAILED',
    /^The query repeats fields: more than 200 pairs/,
  ],
  [
    '1,990 copies of __typename',
    `{${repeat(1990, '__typename')}}`,
    'GRAPHQL_VALIDATION_FAILED',
    /^The query repeats fields: more than 200 pairs/,
  ],
  [
    'alternating regions { code } and regions { name }',
    `{${numbered(660, (i) => (i % 2 ? 'regions{code}' : 'regions{name}'))}}`,
    'GRAPHQL_VALIDATION_FAILED',
    /^The query repeats fields: more than 200 pairs/,
  ],
  [
    '49 fragments selecting the same field',
    `{${numbered(49, (i) => `...F${i}`)}} ${numbered(49, (i) => `fragment F${i} on Query{regions{code}}`)}`,
    'GRAPHQL_VALIDATION_FAILED',
    /^The query repeats fields: more than 200 pairs/,
  ],
  [
    'fragments spread twice at every level',
    `{...F0} ${numbered(40, (i) => `fragment F${i} on Query{...F${i + 1} ...F${i + 1}}`)} fragment F40 on Query{__typename}`,
    'GRAPHQL_VALIDATION_FAILED',
    /^The query repeats fields: more than 200 pairs/,
  ],
  [
    'the regions/municipalities cycle at depth 8',
    '{regions{municipalities{region{municipalities{region{municipalities{region{name}}}}}}}}',
    'GRAPHQL_VALIDATION_FAILED',
    /^The query costs \d+; at most 10000/,
  ],
  [
    '600 aliases below the root',
    `{regions{${numbered(600, (i) => `m${i}:municipalities{code}`)}}}`,
    'GRAPHQL_VALIDATION_FAILED',
    /^The query uses 600 aliases; at most 30/,
  ],
  [
    '400 aliased introspections',
    `{${numbered(400, (i) => `s${i}:__schema{types{name}}`)}}`,
    'GRAPHQL_VALIDATION_FAILED',
    /^The query uses 400 aliases; at most 30/,
  ],
  [
    '3,500 aliases (over the token limit)',
    `{regions{${numbered(3500, (i) => `m${i}:municipalities{code}`)}}}`,
    'GRAPHQL_PARSE_FAILED',
    /^Syntax Error: Document contains more tha[nt] 4000 tokens/,
  ],
  [
    '900 copies of one argument',
    `{municipalities(${repeat(900, 'regionCode:"1"')}){code}}`,
    'GRAPHQL_VALIDATION_FAILED',
    /^A field or directive has more than 10 arguments/,
  ],
  [
    '500 directives on one field',
    `{regions${' @include(if:true)'.repeat(500)}{code}}`,
    'GRAPHQL_VALIDATION_FAILED',
    /^A selection has more than 10 directives/,
  ],
  [
    '900 unused variables',
    `query(${numbered(900, (i) => `$v${i}:Int`)}){regions{code}}`,
    'GRAPHQL_VALIDATION_FAILED',
    /^The operation declares 900 variables; at most 50/,
  ],
  [
    '600 operations in one document',
    numbered(600, (i) => `query q${i}{__typename}`),
    'GRAPHQL_VALIDATION_FAILED',
    /^The document has 600 operations and fragments; at most 50/,
  ],
];

/** Requests sent at once per shape. */
const AT_ONCE = 40;
/** The most /health/live may take while they are handled. */
const LIVE_BUDGET_MS = 100;
/** On a loaded machine: the most a refusal may cost, in trivial requests (see below). */
const TRIVIAL_RATIO = 8;

/** A request that does nearly nothing: what any request costs on this machine now. */
const TRIVIAL = '{ __typename }';

/** Sends `query` AT_ONCE times at once from a child process; resolves with their statuses. */
function blast(query: string): Promise<number[]> {
  const script = `
    const [url, body, n] = [process.env.URL, process.env.BODY, Number(process.env.N)];
    const send = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      .then(async (r) => { await r.arrayBuffer(); return r.status; });
    Promise.all(Array.from({ length: n }, send)).then((s) => process.stdout.write(JSON.stringify(s)));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      env: {
        ...process.env,
        URL: `${served.base}/graphql`,
        BODY: JSON.stringify({ query }),
        N: String(AT_ONCE),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as number[]);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

interface Measurement {
  /** Slowest /health/live answer while the shape was handled, less the idle median. */
  liveAddedMs: number;
  /** The longest stall of this process's event loop meanwhile. */
  loopStallMs: number;
  /** This process's processor time per refused request (the server and the polling). */
  cpuPerRequestMs: number;
  /** The same for TRIVIAL requests just before. */
  trivialCpuMs: number;
}

/** Processor time of this process per request while AT_ONCE of `query` are handled (ms). */
async function cpuPerRequest(query: string, status: number): Promise<number> {
  const cpu = process.cpuUsage();
  const statuses = await blast(query);
  const used = process.cpuUsage(cpu);
  expect(statuses).toEqual(Array.from({ length: AT_ONCE }, () => status));
  return (used.user + used.system) / 1000 / AT_ONCE;
}

async function measure(query: string): Promise<Measurement> {
  const trivialCpuMs = await cpuPerRequest(TRIVIAL, 200);
  const idle = await liveWhile(served.base, new Promise((resolve) => setTimeout(resolve, 200)));
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu = process.cpuUsage();
  const sent = blast(query);
  const busy = await liveWhile(served.base, sent);
  const statuses = await sent;
  loop.disable();
  const used = process.cpuUsage(cpu);
  expect(statuses).toEqual(Array.from({ length: AT_ONCE }, () => 400));
  return {
    liveAddedMs: Math.max(...busy) - median(idle),
    loopStallMs: loop.max / 1e6,
    cpuPerRequestMs: (used.user + used.system) / 1000 / AT_ONCE,
    trivialCpuMs,
  };
}

describe.each(SHAPES)('%s', (_name, query, code, message) => {
  it('is refused before anything runs', async () => {
    await expectRefusedBeforeRun(served.base, query, code, message);
  });

  it(`sent ${AT_ONCE} at once, keeps /health/live within ${LIVE_BUDGET_MS} ms`, async () => {
    // A loaded machine stalls any process now and then, so a miss is measured again, up to
    // three times: a shape that really costs more misses every time. Where this process gets a
    // small share of a core, wall-clock time and even processor time grow with the load (a
    // trivial request then costs 5-20 ms instead of well under one); there the shape's
    // processor time per request, against a trivial request's just before, decides. Refused
    // after graphql's validation, 990 copies of one field cost hundreds of trivial requests.
    const within = (t: Measurement): boolean =>
      (t.liveAddedMs <= LIVE_BUDGET_MS && t.loopStallMs <= LIVE_BUDGET_MS) ||
      t.cpuPerRequestMs <= TRIVIAL_RATIO * t.trivialCpuMs;
    const tries: Measurement[] = [];
    while (tries.length < 3 && !tries.some(within)) {
      tries.push(await measure(query));
    }
    console.log(`${_name}: ${JSON.stringify(tries)}`);
    expect(tries.some(within) ? 'within budget' : tries).toBe('within budget');
  }, 60_000);
});
