import { ApiError } from './api';
import type { Messages } from './i18n';

/** An API failure as the partner pages show it: the known refusals in words, else the message. */
export function describeError(t: Messages, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'UNAUTHENTICATED') {
      return t.unauthenticated;
    }
    if (error.code === 'FORBIDDEN') {
      return t.forbidden;
    }
    if (error.code === 'STALE_VERSION') {
      return t.staleSave;
    }
  }
  return t.error(error instanceof Error ? error.message : String(error));
}
