import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { adminTokenCommand } from '../src/cli/admin-token';
import { CliCommand, cliConfig, CliModule, createCliContext } from '../src/cli/cli-support';
import { migrateCommand } from '../src/cli/migrate';
import { searchReindexCommand } from '../src/cli/search-reindex';
import { searchSetupCommand } from '../src/cli/search-setup';
import { seedCommand } from '../src/cli/seed';
import { SearchModule } from '../src/search/search.module';
import { SearchOutboxModule } from '../src/search/sync/search-outbox';
import { SearchSyncScheduler } from '../src/search/sync/search-sync.scheduler';

/**
 * A command-line tool runs its task on a Nest application context and ends: nothing may start
 * working in the background there (the search sync scheduler, an outbox purge, any interval).
 * Each command's context is created as `npm run …` creates it, with Meilisearch configured (the
 * engine for which the scheduler runs its interval), and the intervals and timeouts started while
 * it was created and initialised (migrations, hooks) must all be over or cleared by then. The
 * control shows the check sees a scheduler: the search module in a CLI context starts one.
 */
const meili: NodeJS.ProcessEnv = {
  SEARCH_ENGINE: 'meilisearch',
  // Nothing listens there: nothing in these contexts may even try to reach it.
  MEILI_URL: 'http://127.0.0.1:9',
  MEILI_MASTER_KEY: 'cli-context-test-master-key',
};

type Timer = ReturnType<typeof setTimeout>;

interface Pending {
  intervals: number;
  timeouts: number;
}

/** Runs `start`, then says which intervals and timeouts it started are still pending. */
async function pendingAfter<T>(start: () => Promise<T>): Promise<{ value: T; pending: Pending }> {
  const real = {
    setInterval: global.setInterval,
    setTimeout: global.setTimeout,
    clearInterval: global.clearInterval,
    clearTimeout: global.clearTimeout,
  };
  const intervals = new Set<Timer>();
  const timeouts = new Set<Timer>();
  const clear = (timer: Timer | string | number | undefined): void => {
    if (timer !== undefined && typeof timer === 'object') {
      intervals.delete(timer);
      timeouts.delete(timer);
    }
  };
  global.setInterval = ((
    handler: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const timer = real.setInterval(handler, ms, ...args);
    intervals.add(timer);
    return timer;
  }) as typeof setInterval;
  global.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = real.setTimeout(() => {
      timeouts.delete(timer);
      handler(...args);
    }, ms);
    timeouts.add(timer);
    return timer;
  }) as typeof setTimeout;
  global.clearInterval = ((timer: Timer | undefined) => {
    clear(timer);
    real.clearInterval(timer);
  }) as typeof clearInterval;
  global.clearTimeout = ((timer: Timer | undefined) => {
    clear(timer);
    real.clearTimeout(timer);
  }) as typeof clearTimeout;
  try {
    const value = await start();
    return { value, pending: { intervals: intervals.size, timeouts: timeouts.size } };
  } finally {
    Object.assign(global, real);
  }
}

const hasScheduler = (context: INestApplicationContext): boolean => {
  try {
    context.get(SearchSyncScheduler, { strict: false });
    return true;
  } catch {
    return false;
  }
};

const commands: [string, CliCommand][] = [
  ['npm run seed', seedCommand],
  ['npm run graph:migrate', migrateCommand],
  ['npm run search:reindex', searchReindexCommand],
  ['npm run search:setup', searchSetupCommand],
  ['npm run admin:token', adminTokenCommand('cli-context-test')],
];

describe.each(commands)('%s', (_name, command) => {
  it('starts no scheduler, interval or timer on its application context', async () => {
    const config = cliConfig(command, { ...process.env, ...meili });
    expect(config.search.engine).toBe('meilisearch');
    const { value: context, pending } = await pendingAfter(() => createCliContext(command, config));
    try {
      expect({ scheduler: hasScheduler(context), pending }).toEqual({
        scheduler: false,
        pending: { intervals: 0, timeouts: 0 },
      });
    } finally {
      await context.close();
    }
  });
});

it('control: the search module in a CLI context does start the scheduler, and the check sees it', async () => {
  const config = cliConfig(
    { name: 'control', task: () => Promise.resolve() },
    {
      ...process.env,
      ...meili,
    },
  );
  const { value: context, pending } = await pendingAfter(() =>
    NestFactory.createApplicationContext(
      CliModule.forRoot(config, [SearchOutboxModule, SearchModule]),
      {
        logger: false,
        abortOnError: false,
      },
    ),
  );
  try {
    expect(hasScheduler(context)).toBe(true);
    expect(pending.intervals).toBe(1);
  } finally {
    await context.close();
  }
});
