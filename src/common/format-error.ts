import { HttpException, Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from './app-error';
import { withoutValues } from './input-errors';

const logger = new Logger('GraphQLError');

/** Codes that Apollo/graphql-js itself produce for malformed requests; safe to pass through. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

function fromHttpStatus(status: number): ErrorCode | undefined {
  switch (status) {
    case 400:
    case 422:
      return ErrorCode.BAD_USER_INPUT;
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
      return ErrorCode.NOT_FOUND;
    case 409:
      return ErrorCode.CONFLICT;
    case 503:
      return ErrorCode.UNAVAILABLE;
    default:
      return undefined;
  }
}

/** Messages of a class-validator failure, as the ValidationPipe puts them in the response. */
function httpMessages(error: HttpException): string[] {
  const response = error.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = response.message;
    if (Array.isArray(message)) {
      return message.filter((m): m is string => typeof m === 'string');
    }
    if (typeof message === 'string') {
      return [message];
    }
  }
  return [error.message];
}

/**
 * Maps every error to `{ message, extensions: { code } }`: typed AppErrors as they are, validation
 * failures to BAD_USER_INPUT, anything unexpected to a generic message (details only in the log,
 * never inputs). No stack trace or Cypher reaches the client.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof AppError) {
    return {
      ...base,
      message: original.message,
      extensions: { ...original.extensions, code: original.code },
    };
  }
  if (original instanceof HttpException) {
    const code = fromHttpStatus(original.getStatus());
    if (code) {
      const messages = httpMessages(original);
      return {
        ...base,
        message: messages.join('; '),
        extensions: code === ErrorCode.BAD_USER_INPUT ? { code, problems: messages } : { code },
      };
    }
  }
  const formattedCode = formatted.extensions?.code;
  if (typeof formattedCode === 'string' && REQUEST_CODES.has(formattedCode)) {
    // graphql words some of these with the value given: never send or keep that value.
    const problems = formatted.extensions?.problems;
    return {
      ...base,
      message: withoutValues(formatted.message),
      extensions:
        formattedCode === 'BAD_USER_INPUT' && Array.isArray(problems)
          ? {
              code: formattedCode,
              problems: problems.map((p) => withoutValues(String(p))),
            }
          : { code: formattedCode },
    };
  }
  const name = original instanceof Error ? original.name : typeof original;
  const neoCode =
    typeof original === 'object' && original !== null && 'code' in original
      ? String(original.code)
      : '';
  logger.error(
    `unexpected ${name}${neoCode ? ` (${neoCode})` : ''} at ${formatted.path?.join('.') ?? '?'}`,
  );
  return {
    ...base,
    message: 'Internal server error.',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
