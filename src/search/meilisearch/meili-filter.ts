import { ServiceQuery } from '../../catalogue/service-query';

/** A string value in a Meilisearch filter expression, quoted and escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const anyOf = (attribute: string, values: readonly string[]): string =>
  `${attribute} IN [${values.map(quote).join(', ')}]`;

/**
 * The filter as Meilisearch expressions (all must hold), with exactly the meaning of
 * SERVICE_FILTER_PREDICATE: the group and need lists are already expanded by resolveFilter and
 * are matched against the codes a service carries; a place matches where the service is located
 * or what it covers (documents store those sets), plus national services when asked.
 */
export function meiliFilter(q: ServiceQuery): string[] {
  const parts: string[] = [];
  if (q.typeCodes) {
    parts.push(anyOf('typeCode', q.typeCodes));
  }
  if (q.targetGroupCodes) {
    parts.push(anyOf('targetGroupCodes', q.targetGroupCodes));
  }
  if (q.needCodes) {
    parts.push(anyOf('needCodes', q.needCodes));
  }
  if (q.languages) {
    parts.push(anyOf('languages', q.languages));
  }
  const place = (attribute: string, code: string): string =>
    q.includeNational
      ? `(${attribute} = ${quote(code)} OR national = true)`
      : `${attribute} = ${quote(code)}`;
  if (q.regionCode) {
    parts.push(place('regionCodes', q.regionCode));
  }
  if (q.municipalityCode) {
    parts.push(place('municipalityCodes', q.municipalityCode));
  }
  return parts;
}
