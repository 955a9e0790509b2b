import { IntrinsicException } from '@nestjs/common';

/** Every error code a client can see in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  CONFLICT = 'CONFLICT',
  STALE_VERSION = 'STALE_VERSION',
  UNAVAILABLE = 'UNAVAILABLE',
}

/** What the client is told for each code when the thrower gave no message of its own. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  [ErrorCode.BAD_USER_INPUT]: 'The input is not valid.',
  [ErrorCode.NOT_FOUND]: 'Not found.',
  [ErrorCode.FORBIDDEN]: 'You are not allowed to do this.',
  [ErrorCode.UNAUTHENTICATED]: 'A valid API token is required.',
  [ErrorCode.CONFLICT]: 'This conflicts with existing data.',
  [ErrorCode.STALE_VERSION]: 'Someone else saved a newer version; reload and try again.',
  [ErrorCode.UNAVAILABLE]: 'The service is temporarily unavailable; try again shortly.',
};

export type ErrorExtensions = Record<
  string,
  string | number | boolean | string[] | number[] | null
>;

/**
 * An error meant for the client: its message and extensions are shown as they are, so they must
 * never carry confidential data, Cypher or internal details. It is an expected outcome, so Nest
 * does not log it (its text may echo input, and referral inputs are never logged).
 */
export class AppError extends IntrinsicException {
  constructor(
    readonly code: ErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    readonly extensions: ErrorExtensions = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badInput(message: string, extensions: ErrorExtensions = {}): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, message, extensions);
  }

  /**
   * BAD_USER_INPUT for unknown codes or ids in a list argument. It names the argument and the
   * positions (from 0), never the values: an error must not carry what the request sent.
   */
  static unknownIn(what: string, argument: string, positions: number[]): AppError {
    return AppError.badInput(unknownMessage(what, argument, positions), {
      argument,
      unknownPositions: positions,
    });
  }
}

/** "Unknown need code(s) in input.needCodes at position(s) 0, 2" (no value of the request). */
export function unknownMessage(what: string, argument: string, positions: number[]): string {
  return `Unknown ${what} in ${argument} at position(s) ${positions.join(', ')}`;
}

/** The positions in `values` of the values `unknown` holds. */
export function positionsIn(values: readonly string[], unknown: readonly string[]): number[] {
  const set = new Set(unknown);
  return values.flatMap((value, i) => (set.has(value) ? [i] : []));
}
