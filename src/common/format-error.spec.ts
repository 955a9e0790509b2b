import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { AppError, ErrorCode } from './app-error';
import { formatGraphQLError } from './format-error';

const formatted = { message: 'raw', path: ['services'] };

describe('formatGraphQLError', () => {
  it('passes an AppError through with its code and extensions', () => {
    const error = AppError.badInput('Unknown need code(s)', { argument: 'needs' });
    expect(formatGraphQLError(formatted, error)).toEqual({
      locations: undefined,
      path: ['services'],
      message: 'Unknown need code(s)',
      extensions: { argument: 'needs', code: ErrorCode.BAD_USER_INPUT },
    });
  });

  it('turns validation failures into BAD_USER_INPUT with the problems', () => {
    const error = new BadRequestException(['first must not be greater than 100']);
    expect(formatGraphQLError(formatted, error)).toEqual({
      locations: undefined,
      path: ['services'],
      message: 'first must not be greater than 100',
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        problems: ['first must not be greater than 100'],
      },
    });
  });

  it('maps HTTP statuses to codes', () => {
    expect(formatGraphQLError(formatted, new ForbiddenException('no')).extensions).toEqual({
      code: ErrorCode.FORBIDDEN,
    });
  });

  it('passes request errors through', () => {
    const parse = {
      message: 'Syntax Error: Unexpected Name "x".',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    };
    expect(formatGraphQLError(parse, new GraphQLError(parse.message)).extensions).toEqual({
      code: 'GRAPHQL_PARSE_FAILED',
    });
  });

  it('hides anything unexpected behind a generic message', () => {
    const error = Object.assign(new Error('MATCH (s:Service) secret text'), {
      code: 'Neo.ClientError.Statement.SyntaxError',
    });
    expect(formatGraphQLError(formatted, error)).toEqual({
      locations: undefined,
      path: ['services'],
      message: 'Internal server error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
