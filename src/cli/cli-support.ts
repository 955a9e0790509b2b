import { AppError, ErrorCode } from '../common/app-error';
import { ConfigError, loadConfig } from '../config/app-config';
import { migrate } from '../neo4j/migrations';
import { Neo4jService } from '../neo4j/neo4j.service';

type Log = (line: string) => void;

/**
 * Runs a command-line task against the configured Neo4j (migrated first): clear one-line errors,
 * non-zero exit on failure, the driver always closed.
 */
export function withDatabase(
  name: string,
  task: (neo: Neo4jService, log: Log) => Promise<void>,
): void {
  const log: Log = (line) => console.log(line);
  let neo: Neo4jService | undefined;
  const runTask = async (): Promise<void> => {
    const config = loadConfig(withLocalDefaults(process.env));
    neo = new Neo4jService(config);
    try {
      await neo.verify(10);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.UNAVAILABLE) {
        throw new Error(
          `cannot reach Neo4j at ${config.neo4j.uri}: is \`npm start\` or \`npm run graph:start\` running (or NEO4J_URI set)?`,
        );
      }
      throw error;
    }
    await migrate(neo, log);
    await task(neo, log);
  };
  runTask()
    .then(async () => {
      await neo?.onApplicationShutdown();
    })
    .catch(async (error: unknown) => {
      const message =
        error instanceof ConfigError || error instanceof Error ? error.message : String(error);
      console.error(`henvis ${name}: ${message}`);
      await neo?.onApplicationShutdown().catch(() => undefined);
      process.exit(1);
    });
}

/** Without NEO4J_URI the CLIs talk to the embedded Neo4j that `npm run graph:start` runs. */
function withLocalDefaults(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.NEO4J_URI) {
    return env;
  }
  return {
    ...env,
    NEO4J_URI: `bolt://127.0.0.1:${env.NEO4J_BOLT_PORT ?? '7687'}`,
    NEO4J_PASSWORD: env.NEO4J_PASSWORD ?? 'henvis-local-dev',
  };
}
