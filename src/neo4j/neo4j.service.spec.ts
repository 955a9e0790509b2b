import { Neo4jError, Session } from 'neo4j-driver';
import { loadConfig } from '../config/app-config';
import { cypher } from './cypher';
import { Neo4jService } from './neo4j.service';

/*
 * How a read is sent (the driver's objects are stubbed: no server is involved or imitated). A
 * read is one auto-commit transaction; only a retriable failure runs it again through the
 * driver's managed, retried `executeQuery`.
 */
const Q = cypher`RETURN 1 AS one`;

function service(): Neo4jService {
  return new Neo4jService(
    loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'unused-in-this-spec' }),
  );
}

function stubSession(neo: Neo4jService, run: () => Promise<unknown>): jest.Mock {
  const runMock = jest.fn(run);
  jest.spyOn(neo.driver, 'session').mockReturnValue({
    run: runMock,
    close: () => Promise.resolve(),
  } as unknown as Session);
  return runMock;
}

const records = (rows: Record<string, unknown>[]) => ({
  records: rows.map((row) => ({ toObject: () => row })),
});

afterEach(() => jest.restoreAllMocks());

it('reads in one auto-commit transaction, with the bookmark manager and timeout', async () => {
  const neo = service();
  const run = stubSession(neo, () => Promise.resolve(records([{ one: 1 }])));
  const managed = jest.spyOn(neo.driver, 'executeQuery');
  expect(await neo.read(Q, { a: 1 })).toEqual([{ one: 1 }]);
  expect(run).toHaveBeenCalledWith(Q.text, { a: 1 }, { timeout: 15_000 });
  expect(neo.driver.session).toHaveBeenCalledWith({
    database: 'neo4j',
    defaultAccessMode: 'READ',
    bookmarkManager: neo.driver.executeQueryBookmarkManager,
  });
  expect(managed).not.toHaveBeenCalled();
  await neo.onApplicationShutdown();
});

it('runs a read again through the managed executeQuery after a retriable error', async () => {
  const neo = service();
  stubSession(neo, () =>
    Promise.reject(new Neo4jError('leader changed', 'SessionExpired', '', '')),
  );
  const managed = jest.spyOn(neo.driver, 'executeQuery').mockResolvedValue(records([{ one: 1 }]));
  expect(await neo.readLatest(Q)).toEqual([{ one: 1 }]);
  expect(managed).toHaveBeenCalledTimes(1);
  expect(managed.mock.calls[0][2]).toMatchObject({ database: 'neo4j', routing: 'WRITE' });
  await neo.onApplicationShutdown();
});

it('does not run a read again after an error that is not retriable', async () => {
  const neo = service();
  stubSession(neo, () =>
    Promise.reject(new Neo4jError('bad', 'Neo.ClientError.Statement.SyntaxError', '', '')),
  );
  const managed = jest.spyOn(neo.driver, 'executeQuery');
  await expect(neo.read(Q)).rejects.toBeDefined();
  expect(managed).not.toHaveBeenCalled();
  await neo.onApplicationShutdown();
});
