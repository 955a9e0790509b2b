/**
 * The page's only way to the server: POST /graphql with the operation and its variables in the
 * body (never in the URL), the partner token from session storage when there is one.
 */

const TOKEN_KEY = 'henvis.token';

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export type ErrorExtensions = { code?: string } & Record<string, unknown>;

/** A GraphQL error as the API sends it: a message and `extensions.code`. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: ErrorExtensions,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: ErrorExtensions }[];
}

export async function gql<T, V extends object = Record<string, never>>(
  query: string,
  variables?: V,
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = storedToken();
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: variables ?? {} }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network', 'NETWORK', { code: 'NETWORK' });
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`HTTP ${response.status}`, 'NETWORK', { code: 'NETWORK' });
  }
  const first = body.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    throw new ApiError(first.message, extensions.code ?? 'UNKNOWN', extensions);
  }
  if (!body.data) {
    throw new ApiError('no data', 'UNKNOWN', {});
  }
  return body.data;
}
