import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationDefinitionNode } from 'graphql';
import pino, { DestinationStream, Level, Logger } from 'pino';
import { HttpLogger, pinoHttp } from 'pino-http';
import { prettyFactory } from 'pino-pretty';

/** Nest's log levels (LOG_LEVEL) and the pino level each one is. */
export const NEST_TO_PINO = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
} as const satisfies Record<string, Level>;
export type NestLevel = keyof typeof NEST_TO_PINO;

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** A request id a client or proxy may set: short, and only characters that need no escaping. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Keys a log object may never show whole, wherever someone logs one: the Authorization and
 * Cookie headers (a token), and any field named like a token, a password or an address. The
 * request line itself logs none of these (see `requestSerializers`); this is the second lock.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'token',
  'password',
  'address',
  '*.authorization',
  '*.cookie',
  '*.token',
  '*.password',
  '*.address',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

/** The GraphQL operation of a request, for its log line: names only, never a value. */
export interface LoggedOperation {
  type: string;
  /** The operation's name as the client gave it, or null for an anonymous one. */
  name: string | null;
  /** The root fields it selects (schema names, aliases ignored), at most five. */
  fields: string[];
  /** The error codes of the answer, if any (`BAD_USER_INPUT`, `UNAVAILABLE`, …). */
  errors?: string[];
}

const operations = new WeakMap<IncomingMessage, LoggedOperation>();

/** The request id of the request being served (for Nest's own log lines written meanwhile). */
const requestScope = new AsyncLocalStorage<{ requestId: string }>();

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The path without its query string (a GET's query string may hold a whole GraphQL request). */
function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const path = url.split('?')[0];
  // Printable ASCII only, bounded: a path can never write escape sequences into a terminal.
  return path.replace(/[^\x21-\x7e]/g, '?').slice(0, 200);
}

function operationText(op: LoggedOperation | undefined): string {
  if (!op) {
    return '';
  }
  const label = op.name ?? op.fields.join(',');
  return ` ${op.type} ${label}${op.errors?.length ? ` [${op.errors.join(',')}]` : ''}`;
}

/**
 * The one line logged per request: method, path (no query string), status, duration, request id
 * and the GraphQL operation (type, name, root fields, error codes). Never headers, the body or
 * the variables, nor the client's address.
 */
function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestId,
    // The request line carries the id as `requestId` (beside req, res, operation).
    quietReqLogger: true,
    wrapSerializers: false,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    serializers: {
      req: (req: IncomingMessage) => ({ method: req.method, path: pathOf(req) }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
      err: (err: Error) => ({ type: err.name }),
    },
    customProps: (req) => {
      const op = operations.get(req);
      return op ? { operation: op } : {};
    },
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) {
        return 'error';
      }
      // A load balancer probes these every few seconds: visible at LOG_LEVEL=debug.
      return pathOf(req).startsWith('/health/') ? 'debug' : 'info';
    },
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${pathOf(req)} ${res.statusCode} ${Math.round(ms)} ms${operationText(operations.get(req))}`,
    customErrorMessage: (req, res) =>
      `${req.method} ${pathOf(req)} ${res.statusCode}${operationText(operations.get(req))}`,
  });
}

/**
 * Where log lines go: one JSON object per line on stdout in production (for a log shipper), and
 * in development the same events as readable lines. Written synchronously through
 * `process.stdout.write`, so a line is out before the process exits and tests can capture it.
 */
function destination(production: boolean): DestinationStream {
  if (production) {
    return { write: (line: string) => void process.stdout.write(line) };
  }
  const pretty = prettyFactory({
    colorize: process.stdout.isTTY === true && !process.env.NO_COLOR,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,requestId,req,res,durationMs,operation',
    messageFormat: (log, messageKey) => {
      const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
      const id = typeof log.requestId === 'string' ? `(${log.requestId}) ` : '';
      return `${id}${context}${String(log[messageKey])}`;
    },
  });
  return { write: (line: string) => void process.stdout.write(pretty(line)) };
}

/** Nest's logger interface over pino: Nest's lines carry their context and the request id. */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) {
      return;
    }
    // Nest passes (message, context) or, for errors, (message, stack, context).
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? rest.pop() : '';
    const stack = level === 'error' && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields: Record<string, unknown> = {};
    if (context) {
      fields.context = context;
    }
    const scope = requestScope.getStore();
    if (scope) {
      fields.requestId = scope.requestId;
    }
    if (stack) {
      fields.stack = stack;
    }
    if (message instanceof Error) {
      fields.err = { type: message.name, stack: message.stack };
      this.pino[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}

export interface Logging {
  /** For Nest (`NestFactory.create(…, { logger })`). */
  nest: PinoNestLogger;
  /** Express middleware: the request line, the request id header, the request's log scope. */
  middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}

/** The app's logging: JSON lines in production, readable lines in development. */
export function createLogging(options: {
  production: boolean;
  level: NestLevel;
  destination?: DestinationStream;
}): Logging {
  const logger = pino(
    {
      level: NEST_TO_PINO[options.level],
      base: { pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? destination(options.production),
  );
  const http = requestLogger(logger);
  return {
    nest: new PinoNestLogger(logger),
    middleware: (req, res, next) => {
      http(req, res);
      // The rest of this request's handling (its resolvers, their awaits) runs in this scope; the
      // next request on the connection enters its own.
      requestScope.enterWith({ requestId: typeof req.id === 'string' ? req.id : '' });
      next();
    },
  };
}

/**
 * Tells the request log which GraphQL operation a request ran (type, name, root fields) and
 * which error codes it answered; never its variables or any value in the document.
 */
export function operationLogPlugin(): ApolloServerPlugin<{ req: IncomingMessage }> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ contextValue, operation }) {
          if (operation) {
            operations.set(contextValue.req, describe(operation));
          }
          return Promise.resolve();
        },
        willSendResponse({ contextValue, response }) {
          const errors =
            response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (errors.length > 0) {
            const codes = [
              ...new Set(
                errors.map((e) => {
                  const code = e.extensions?.code;
                  // A code is one of ours (ErrorCode) or Apollo's: a name, never a value.
                  return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : 'OTHER';
                }),
              ),
            ];
            const op = operations.get(contextValue.req) ?? {
              type: 'unknown',
              name: null,
              fields: [],
            };
            operations.set(contextValue.req, { ...op, errors: codes.slice(0, 5) });
          }
          return Promise.resolve();
        },
      });
    },
  };
}

function describe(operation: OperationDefinitionNode): LoggedOperation {
  const fields = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      fields.add(selection.name.value);
    }
  }
  return {
    type: operation.operation,
    name: operation.name?.value ?? null,
    fields: [...fields].slice(0, 5),
  };
}
