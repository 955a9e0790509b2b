import { CliLogger, withLocalDefaults } from './cli-support';

describe('withLocalDefaults', () => {
  it('points at the embedded Neo4j only when NEO4J_URI is not set', () => {
    expect(withLocalDefaults({ NEO4J_BOLT_PORT: '7786' })).toEqual({
      NEO4J_BOLT_PORT: '7786',
      NEO4J_URI: 'bolt://127.0.0.1:7786',
      NEO4J_PASSWORD: 'henvis-local-dev',
    });
    const set = { NEO4J_URI: 'neo4j://db:7687', NEO4J_PASSWORD: 'pw' };
    expect(withLocalDefaults(set)).toBe(set);
  });
});

describe('CliLogger', () => {
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;
  const debug = process.env.DEBUG;

  beforeEach(() => {
    delete process.env.DEBUG;
    out = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    if (debug === undefined) {
      delete process.env.DEBUG;
    } else {
      process.env.DEBUG = debug;
    }
  });

  it('prints the commands’ lines plainly and leaves out Nest’s start-up chatter', () => {
    const logger = new CliLogger();
    logger.log('Starting Nest application...', 'NestFactory');
    logger.log('Neo4jModule dependencies initialized', 'InstanceLoader');
    logger.log('applied 0008_outbox_lanes', 'Migrations');
    logger.warn('slow', 'Neo4jService');
    logger.debug('details', 'Migrations');
    expect(out.mock.calls).toEqual([['Migrations: applied 0008_outbox_lanes']]);
    expect(err.mock.calls).toEqual([['Neo4jService: slow']]);
  });

  it('leaves the stack dump of a failed start to the command’s one line', () => {
    const logger = new CliLogger();
    logger.error(new Error('boom'), undefined, 'ExceptionHandler');
    logger.error('closing failed', 'Neo4jService');
    expect(err.mock.calls).toEqual([['Neo4jService: closing failed']]);
  });
});
