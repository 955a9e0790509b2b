import { createLogging } from './logging';

/** What the logger writes to stdout while `work` runs (written synchronously, line by line). */
function written(work: () => void): string[] {
  const out: string[] = [];
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  return out
    .join('')
    .split('\n')
    .filter((l) => l !== '');
}

describe('createLogging', () => {
  it('writes one JSON object per line in production, with the level, context and message', () => {
    const { nest } = createLogging({ production: true, level: 'log' });
    const [line, ...rest] = written(() => nest.log('Henvis API ready', 'Henvis'));
    expect(rest).toEqual([]);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      level: 'info',
      pid: process.pid,
      context: 'Henvis',
      msg: 'Henvis API ready',
    });
    expect(typeof parsed.time).toBe('string');
  });

  it('writes readable lines in development: time, level, [context] message', () => {
    const { nest } = createLogging({ production: false, level: 'log' });
    const lines = written(() => {
      nest.warn('Neo4j unreachable (ServiceUnavailable)', 'Neo4jService');
      nest.log('stopped', 'Shutdown');
    });
    expect(lines).toHaveLength(2);
    // eslint-disable-next-line no-control-regex
    const plain = lines.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(plain[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: \[Neo4jService\] Neo4j unreachable \(ServiceUnavailable\)$/,
    );
    expect(plain[1]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[Shutdown\] stopped$/);
  });

  it('keeps to LOG_LEVEL (Nest’s levels: log is info, verbose is trace)', () => {
    const { nest } = createLogging({ production: true, level: 'warn' });
    expect(
      written(() => {
        nest.log('not shown', 'X');
        nest.debug('not shown', 'X');
        nest.warn('shown', 'X');
        nest.error('shown too', 'X');
      }).map((l) => (JSON.parse(l) as { msg: string }).msg),
    ).toEqual(['shown', 'shown too']);
  });

  it('redacts a token, a cookie, a password and an address in any object logged', () => {
    const { nest } = createLogging({ production: true, level: 'log' });
    const [line] = written(() =>
      nest.log(
        {
          msg: 'an object',
          authorization: 'Bearer hv_secret_token',
          headers: { authorization: 'Bearer hv_other_token', cookie: 'sid=1' },
          service: { address: { street: 'Hemmelig Vej 7' } },
          password: 'pw-123',
        },
        'Test',
      ),
    );
    expect(line).not.toMatch(/hv_secret_token|hv_other_token|sid=1|Hemmelig Vej|pw-123/);
    expect(JSON.parse(line)).toMatchObject({
      authorization: '[redacted]',
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
      service: { address: '[redacted]' },
      password: '[redacted]',
    });
  });

  it('logs an error with its stack (Nest passes message, stack, context)', () => {
    const { nest } = createLogging({ production: true, level: 'log' });
    const [line] = written(() =>
      nest.error('unexpected Error at referral', 'Error: x\n    at y', 'GraphQL'),
    );
    expect(JSON.parse(line)).toMatchObject({
      level: 'error',
      context: 'GraphQL',
      msg: 'unexpected Error at referral',
      stack: 'Error: x\n    at y',
    });
  });
});
