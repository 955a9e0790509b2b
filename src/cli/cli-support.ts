import {
  DynamicModule,
  INestApplicationContext,
  LoggerService,
  Module,
  ModuleMetadata,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppError, ErrorCode } from '../common/app-error';
import { AppConfig, loadConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { Neo4jModule } from '../neo4j/neo4j.module';

export type Log = (line: string) => void;
type Imports = NonNullable<ModuleMetadata['imports']>;

/**
 * A command's Nest module: the one validated configuration, the database (Neo4jModule: waits
 * for Neo4j and applies pending migrations on init, closes the driver on close) and the feature
 * modules the command needs. Never the whole AppModule: no HTTP server, no GraphQL schema, no
 * search sync scheduler.
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, features: Imports = [], database = true): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), ...(database ? [Neo4jModule] : []), ...features],
    };
  }
}

/** Nest's own start-up chatter, not worth a line in a command's output. */
const NEST_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'NestApplicationContext']);

/**
 * Plain lines for a terminal: `log` on stdout (what the command did, e.g. migrations applied),
 * warnings and errors on stderr. Nest's start-up lines and its stack dump of a failed start are
 * left out (the command prints one line itself); DEBUG=1 shows everything.
 */
export class CliLogger implements LoggerService {
  private readonly debugging = Boolean(process.env.DEBUG);

  log(message: unknown, context?: string): void {
    if (this.debugging || !NEST_CONTEXTS.has(context ?? '')) {
      console.log(this.line(message, context));
    }
  }

  warn(message: unknown, context?: string): void {
    console.error(this.line(message, context));
  }

  error(message: unknown, ...rest: unknown[]): void {
    const context = rest.length > 0 ? rest[rest.length - 1] : undefined;
    if (this.debugging) {
      console.error(message, ...rest);
    } else if (context !== 'ExceptionHandler') {
      console.error(this.line(message, typeof context === 'string' ? context : undefined));
    }
  }

  debug(message: unknown, context?: string): void {
    if (this.debugging) {
      console.log(this.line(message, context));
    }
  }

  verbose(message: unknown, context?: string): void {
    this.debug(message, context);
  }

  private line(message: unknown, context?: string): string {
    const text = message instanceof Error ? message.message : String(message);
    return context ? `${context}: ${text}` : text;
  }
}

/** Without NEO4J_URI the CLIs talk to the embedded Neo4j that `npm run graph:start` runs. */
export function withLocalDefaults(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.NEO4J_URI) {
    return env;
  }
  return {
    ...env,
    NEO4J_URI: `bolt://127.0.0.1:${env.NEO4J_BOLT_PORT ?? '7687'}`,
    NEO4J_PASSWORD: env.NEO4J_PASSWORD ?? 'henvis-local-dev',
  };
}

export interface CliCommand {
  /** The command's name in messages (`henvis <name>: ...`). */
  name: string;
  /** The feature modules whose services the task takes from the context. */
  imports?: (config: AppConfig) => Imports;
  /** False for a command that does not use Neo4j (search:setup). */
  database?: boolean;
  /** Environment overrides applied before validation (search:setup selects Meilisearch). */
  env?: NodeJS.ProcessEnv;
  task: (context: INestApplicationContext, config: AppConfig, log: Log) => Promise<void>;
}

function errorLine(error: unknown, config: AppConfig | undefined): string {
  if (error instanceof AppError && error.code === ErrorCode.UNAVAILABLE && config) {
    return `cannot reach Neo4j at ${config.neo4j.uri}: is \`npm start\` or \`npm run graph:start\` running (or NEO4J_URI set)?`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // A ConfigError lists one variable a line; the command says it in one.
  return message.replace(/:\n\s*/, ': ').replace(/\n\s*/g, '; ');
}

/** A command's one validated configuration (the local Neo4j by default, its overrides applied). */
export function cliConfig(command: CliCommand, env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadConfig({ ...withLocalDefaults(env), ...command.env });
}

/** A command's Nest application context: CliModule with its features, migrations applied. */
export function createCliContext(
  command: CliCommand,
  config: AppConfig,
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    CliModule.forRoot(config, command.imports?.(config) ?? [], command.database ?? true),
    { logger: new CliLogger(), abortOnError: false },
  );
}

/**
 * Runs a command: validates the configuration once, starts a Nest application context of
 * CliModule (migrations applied), runs the task with it and closes it (the driver too). On
 * failure: one line `henvis <name>: <what went wrong>` on stderr (the stack only with DEBUG)
 * and exit code 1.
 */
export async function runCli(command: CliCommand): Promise<void> {
  const log: Log = (line) => console.log(line);
  let config: AppConfig | undefined;
  let context: INestApplicationContext | undefined;
  try {
    config = cliConfig(command);
    context = await createCliContext(command, config);
    await command.task(context, config, log);
    await context.close();
  } catch (error) {
    console.error(`henvis ${command.name}: ${errorLine(error, config)}`);
    if (process.env.DEBUG && error instanceof Error && error.stack) {
      console.error(error.stack);
    }
    await context?.close().catch(() => undefined);
    process.exit(1);
  }
}

/** A progress bar on a terminal; a line per batch otherwise (CI logs). */
export function progress(label: string, total: number, log: (line: string) => void) {
  const tty = process.stdout.isTTY === true;
  let done = 0;
  const render = (): string => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}% ${done}/${total}`;
  };
  return {
    tick(n: number): void {
      done = Math.min(total, done + n);
      if (tty) {
        process.stdout.write(`\r${render()}`);
      } else {
        log(render());
      }
    },
    end(): void {
      if (tty) {
        process.stdout.write('\n');
      }
    },
  };
}
