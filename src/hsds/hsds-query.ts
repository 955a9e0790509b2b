/** The paging and filters of an HSDS list request, checked (see parseListQuery). */
export interface HsdsListQuery {
  page: number;
  perPage: number;
  search: string | null;
  taxonomyTermId: string | null;
  taxonomyId: string | null;
  organizationId: string | null;
  modifiedAfter: Date | null;
  minimal: boolean;
  full: boolean;
  fullService: boolean;
  ndjson: boolean;
  topOnly: boolean;
  parentId: string | null;
}

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 500;

/** A request the API answers with 400 and this message (it never quotes the value sent). */
export class HsdsQueryError extends Error {}

type Raw = Record<string, unknown>;

function text(q: Raw, name: string, max = 200): string | null {
  const v = q[name];
  if (v === undefined || v === '') {
    return null;
  }
  if (typeof v !== 'string') {
    throw new HsdsQueryError(`${name} must be given once, as text`);
  }
  if (v.length > max) {
    throw new HsdsQueryError(`${name} must be at most ${max} characters`);
  }
  return v;
}

function integer(q: Raw, name: string, fallback: number, min: number, max: number): number {
  const v = text(q, name, 12);
  if (v === null) {
    return fallback;
  }
  if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new HsdsQueryError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return Number(v);
}

function flag(q: Raw, name: string): boolean {
  const v = text(q, name, 5);
  if (v === null || v === 'false') {
    return false;
  }
  if (v === 'true') {
    return true;
  }
  throw new HsdsQueryError(`${name} must be true or false`);
}

function dateTime(q: Raw, name: string): Date | null {
  const v = text(q, name, 40);
  if (v === null) {
    return null;
  }
  const d = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ? new Date(v) : null;
  if (!d || Number.isNaN(d.getTime())) {
    throw new HsdsQueryError(`${name} must be an ISO 8601 date or date-time`);
  }
  return d;
}

/** Checks the standard's list parameters; combined filters all apply (AND). */
export function parseListQuery(q: Raw): HsdsListQuery {
  const format = text(q, 'format', 10);
  if (format !== null && format !== 'json' && format !== 'ndjson') {
    throw new HsdsQueryError('format must be json or ndjson');
  }
  return {
    page: integer(q, 'page', 1, 1, 1_000_000),
    perPage: integer(q, 'per_page', DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    search: text(q, 'search')?.trim().toLowerCase() || null,
    taxonomyTermId: text(q, 'taxonomy_term_id')?.toLowerCase() ?? null,
    taxonomyId: text(q, 'taxonomy_id')?.toLowerCase() ?? null,
    organizationId: text(q, 'organization_id')?.toLowerCase() ?? null,
    modifiedAfter: dateTime(q, 'modified_after'),
    minimal: flag(q, 'minimal'),
    full: flag(q, 'full'),
    fullService: flag(q, 'full_service'),
    ndjson: format === 'ndjson',
    topOnly: flag(q, 'top_only'),
    parentId: text(q, 'parent_id')?.toLowerCase() ?? null,
  };
}

/** The standard's page of a list: its fields and the items of this page. */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export function pageOf<T, U>(
  items: readonly T[],
  q: Pick<HsdsListQuery, 'page' | 'perPage'>,
  map: (item: T) => U,
): HsdsPage<U> {
  const total = items.length;
  const totalPages = Math.max(1, Math.ceil(total / q.perPage));
  const start = (q.page - 1) * q.perPage;
  const contents = items.slice(start, start + q.perPage).map(map);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: q.page,
    size: contents.length,
    first_page: q.page === 1,
    last_page: q.page >= totalPages,
    empty: total === 0,
    contents,
  };
}
