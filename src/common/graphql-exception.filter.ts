import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';

/**
 * Hands every error of a GraphQL resolver straight to graphql (and so to formatGraphQLError,
 * which logs an unexpected one by name, code and path only). Without it Nest's own handler
 * logs the whole message and stack first, and a message may carry data: a driver error, or a
 * JSON error quoting an audit entry with a secret address. HTTP routes keep Nest's handling.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<GqlContextType>() === 'graphql') {
      throw exception;
    }
    super.catch(exception, host);
  }
}
