import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';

/** A client error of the request itself: its status and, when known, the parser's error type. */
interface ClientError {
  status: number;
  type?: string;
}

const isClientStatus = (status: unknown): status is number =>
  typeof status === 'number' && status >= 400 && status < 500;

/**
 * A 4xx error about the request body: an `http-errors` error of the body parser (413
 * `entity.too.large`, a gzip body that does not inflate, …), or the 400 Nest makes of the
 * parser's JSON SyntaxError. A 404 (unknown route) is not one of them: it is answered on its own.
 */
export function asClientError(exception: unknown): ClientError | undefined {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return isClientStatus(status) && status !== Number(HttpStatus.NOT_FOUND)
      ? { status }
      : undefined;
  }
  if (typeof exception !== 'object' || exception === null || !('statusCode' in exception)) {
    return undefined;
  }
  const { statusCode } = exception;
  if (!isClientStatus(statusCode)) {
    return undefined;
  }
  const type = 'type' in exception ? exception.type : undefined;
  const code = 'code' in exception ? exception.code : undefined;
  const name = typeof type === 'string' ? type : typeof code === 'string' ? code : undefined;
  return { status: statusCode, type: name?.slice(0, 60) };
}

const isNotFound = (exception: unknown): boolean =>
  exception instanceof HttpException && exception.getStatus() === Number(HttpStatus.NOT_FOUND);

/**
 * Hands every error of a GraphQL resolver straight to graphql (and so to formatGraphQLError,
 * which logs an unexpected one by name, code and path only). Without it Nest's own handler
 * logs the whole message and stack first, and a message may carry data: a driver error, or a
 * JSON error quoting an audit entry with a secret address. HTTP routes keep Nest's handling,
 * except client errors of the body parser (too large, not JSON, bad gzip): the client's fault, so
 * one WARN line without a stack, and a fixed answer (a JSON parse message quotes the body).
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  private readonly clientErrors = new Logger('HttpClientError');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<GqlContextType>() === 'graphql') {
      throw exception;
    }
    if (host.getType() === 'http' && isNotFound(exception)) {
      // An unknown path: the answer says "not found" and nothing of the path (Nest's default
      // `Cannot GET /…` repeats it, and a path can carry what a client put there).
      const res = host.switchToHttp().getResponse<Response>();
      if (!res.headersSent) {
        res.status(404).json({ statusCode: 404, message: 'Not found' });
      }
      return;
    }
    const clientError = host.getType() === 'http' ? asClientError(exception) : undefined;
    if (clientError) {
      const http = host.switchToHttp();
      const req = http.getRequest<Request>();
      const res = http.getResponse<Response>();
      const { status } = clientError;
      const type = clientError.type ? ` ${clientError.type}` : '';
      this.clientErrors.warn(`${status}${type}: ${req.method} ${req.path}`);
      if (!res.headersSent) {
        res.status(status).json({ statusCode: status, message: STATUS_CODES[status] ?? 'Error' });
      }
      return;
    }
    super.catch(exception, host);
  }
}
