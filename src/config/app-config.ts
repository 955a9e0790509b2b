import { availableParallelism } from 'node:os';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
  ValidateIf,
  validateSync,
} from 'class-validator';

const ORIGIN = String.raw`https?://[A-Za-z0-9.-]+(:\d{1,5})?`;
const CORS_ORIGINS_PATTERN = new RegExp(`^\\s*${ORIGIN}\\s*(,\\s*${ORIGIN}\\s*)*$`);

export const SEARCH_ENGINES = ['neo4j', 'meilisearch'] as const;
export type SearchEngine = (typeof SEARCH_ENGINES)[number];

const PROXY_ENTRY = String.raw`(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)`;
const TRUST_PROXY_PATTERN = new RegExp(
  String.raw`^(false|true|\d{1,2}|${PROXY_ENTRY}(\s*,\s*${PROXY_ENTRY})*)$`,
);

/** Express's `trust proxy` setting from TRUST_PROXY (already validated). */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'false' || value === 'true') {
    return value === 'true';
  }
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The environment as the app reads it; validated once at start-up. */
class EnvironmentVariables {
  /** `production`: the schema is built in memory, GraphiQL is off, the Meilisearch key is strict. */
  @IsOptional()
  @IsString()
  NODE_ENV = 'development';

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  @IsString()
  @Matches(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, {
    message: 'NEO4J_URI must be a bolt:// or neo4j:// URI',
  })
  NEO4J_URI!: string;

  @IsOptional()
  @IsString()
  NEO4J_USERNAME = 'neo4j';

  @IsString()
  @MinLength(1)
  NEO4J_PASSWORD!: string;

  @IsOptional()
  @IsString()
  NEO4J_DATABASE = 'neo4j';

  /** Fail fast when Neo4j is down or overloaded (see docs/operations.md, "Configuration"). */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(120_000)
  NEO4J_CONNECTION_TIMEOUT_MS = 3_000;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(120_000)
  NEO4J_ACQUISITION_TIMEOUT_MS = 5_000;

  /** Connections per API instance; a request that finds them all busy waits the time above. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  NEO4J_MAX_POOL_SIZE = 50;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  NEO4J_TRANSACTION_TIMEOUT_MS = 15_000;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  NEO4J_MAX_RETRY_TIME_MS = 3_000;

  @IsOptional()
  @IsIn(SEARCH_ENGINES)
  SEARCH_ENGINE: SearchEngine = 'neo4j';

  @ValidateIf((env: EnvironmentVariables) => env.SEARCH_ENGINE === 'meilisearch')
  @IsString()
  @Matches(/^https?:\/\/.+/, { message: 'MEILI_URL must be an http(s) URL' })
  MEILI_URL?: string;

  @IsOptional()
  @IsString()
  MEILI_API_KEY?: string;

  @IsOptional()
  @IsString()
  MEILI_MASTER_KEY?: string;

  @IsOptional()
  @IsString()
  MEILI_INDEX = 'services';

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  AVAILABILITY_FRESH_HOURS = 24;

  /**
   * Days a listing may go without its organisation confirming it ("Stadig korrekt") before it
   * is listed as due for its organisation and the referral answer says when it was last
   * confirmed.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  LISTING_CONFIRM_DAYS = 180;

  /**
   * Km around a municipality the person must keep away from (`keepAwayFrom` in a referral):
   * services located there or this near come after all others.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(300)
  KEEP_AWAY_KM = 25;

  /**
   * Express `trust proxy`: `false` (default: the client address is the TCP peer), `true`, a
   * number of proxy hops, or a comma-separated list of `loopback`, `linklocal`, `uniquelocal`,
   * IP addresses and CIDR ranges of the trusted proxies.
   */
  @IsOptional()
  @IsString()
  @Matches(TRUST_PROXY_PATTERN, {
    message:
      'TRUST_PROXY must be false, true, a number of hops, or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses or CIDR ranges',
  })
  TRUST_PROXY = 'false';

  /**
   * Worker processes serving the API (Node's cluster module): default the number of cores in
   * production, 1 in development (one process, no cluster).
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  WEB_CONCURRENCY?: number;

  /** Set by the cluster's primary for each worker it starts (1, 2, …); never set by hand. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  HENVIS_WORKER?: number;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** Origins allowed to call the API from a browser page elsewhere (none by default). */
  @IsOptional()
  @IsString()
  @Matches(CORS_ORIGINS_PATTERN, {
    message:
      'CORS_ORIGINS must be comma-separated origins such as https://intra.example.dk (scheme, host and optional port; no path)',
  })
  CORS_ORIGINS?: string;
}

export interface AppConfig {
  /** NODE_ENV=production (see EnvironmentVariables.NODE_ENV). */
  production: boolean;
  port: number;
  host: string;
  neo4j: {
    uri: string;
    username: string;
    password: string;
    database: string;
    /** Milliseconds: opening a connection, waiting for a pooled one, one transaction, retries. */
    connectionTimeoutMs: number;
    acquisitionTimeoutMs: number;
    transactionTimeoutMs: number;
    maxPoolSize: number;
    maxRetryTimeMs: number;
  };
  search: {
    engine: SearchEngine;
    meiliUrl?: string;
    /** The scoped key the API uses (`npm run search:setup` creates it). */
    meiliApiKey?: string;
    /** Only for setup and reindexing; the API uses it only outside production (with a warning). */
    meiliMasterKey?: string;
    meiliIndex: string;
  };
  availabilityFreshHours: number;
  /**
   * Worker processes (WEB_CONCURRENCY) and which one this is: 1, 2, … in a worker of the
   * cluster, 0 in a process that is not one (one process serving alone, a CLI, a test).
   */
  workers: { count: number; index: number };
  /** LISTING_CONFIRM_DAYS: the confirmation window of a listing. */
  listingConfirmDays: number;
  /** KEEP_AWAY_KM: how near a place to keep away from a service counts as there. */
  keepAwayKm: number;
  logLevel: EnvironmentVariables['LOG_LEVEL'];
  /** Express `trust proxy` (which address is the client's: the peer's, or a forwarded one). */
  trustProxy: boolean | number | string;
  /** Exact origins allowed by CORS; empty: no CORS headers at all. */
  corsOrigins: string[];
}

export class ConfigError extends Error {}

const NUMERIC_KEYS = new Set([
  'PORT',
  'AVAILABILITY_FRESH_HOURS',
  'LISTING_CONFIRM_DAYS',
  'KEEP_AWAY_KM',
  'NEO4J_CONNECTION_TIMEOUT_MS',
  'NEO4J_ACQUISITION_TIMEOUT_MS',
  'NEO4J_MAX_POOL_SIZE',
  'NEO4J_TRANSACTION_TIMEOUT_MS',
  'NEO4J_MAX_RETRY_TIME_MS',
  'WEB_CONCURRENCY',
  'HENVIS_WORKER',
]);

/** Reads and validates configuration; throws ConfigError naming every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === '') {
      continue;
    }
    raw[key] = NUMERIC_KEYS.has(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const parsed = plainToInstance(EnvironmentVariables, raw, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const problems = Object.values(e.constraints ?? {}).join('; ');
      return `  ${e.property}: ${problems}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    production: parsed.NODE_ENV === 'production',
    port: parsed.PORT,
    host: parsed.HOST,
    neo4j: {
      uri: parsed.NEO4J_URI,
      username: parsed.NEO4J_USERNAME,
      password: parsed.NEO4J_PASSWORD,
      database: parsed.NEO4J_DATABASE,
      connectionTimeoutMs: parsed.NEO4J_CONNECTION_TIMEOUT_MS,
      acquisitionTimeoutMs: parsed.NEO4J_ACQUISITION_TIMEOUT_MS,
      transactionTimeoutMs: parsed.NEO4J_TRANSACTION_TIMEOUT_MS,
      maxPoolSize: parsed.NEO4J_MAX_POOL_SIZE,
      maxRetryTimeMs: parsed.NEO4J_MAX_RETRY_TIME_MS,
    },
    search: {
      engine: parsed.SEARCH_ENGINE,
      meiliUrl: parsed.MEILI_URL,
      meiliApiKey: parsed.MEILI_API_KEY,
      meiliMasterKey: parsed.MEILI_MASTER_KEY,
      meiliIndex: parsed.MEILI_INDEX,
    },
    availabilityFreshHours: parsed.AVAILABILITY_FRESH_HOURS,
    workers: {
      count:
        parsed.WEB_CONCURRENCY ??
        (parsed.NODE_ENV === 'production' ? Math.min(64, availableParallelism()) : 1),
      index: parsed.HENVIS_WORKER ?? 0,
    },
    listingConfirmDays: parsed.LISTING_CONFIRM_DAYS,
    keepAwayKm: parsed.KEEP_AWAY_KM,
    logLevel: parsed.LOG_LEVEL,
    trustProxy: trustProxySetting(parsed.TRUST_PROXY),
    corsOrigins: (parsed.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
  };
}
