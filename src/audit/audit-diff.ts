import { FieldChange } from './models/audit-entry.model';

export type AuditValue = string | number | boolean | null | string[];
export type AuditState = Record<string, AuditValue>;

function normalise(value: AuditValue | undefined): AuditValue {
  if (value === undefined) {
    return null;
  }
  return Array.isArray(value) ? [...value].sort() : value;
}

function render(value: AuditValue): string | null {
  if (value === null) {
    return null;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The fields of `after` whose value differs from `before` (lists compared as sets), in the order
 * of `after`'s keys. Fields absent from `after` are unchanged; a new listing (no `before`) lists
 * only the fields it sets.
 */
export function diffStates(before: AuditState | null, after: AuditState): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    const from = normalise(before?.[field]);
    const to = normalise(after[field]);
    const empty = to === null || (Array.isArray(to) && to.length === 0);
    if (before === null && empty) {
      continue;
    }
    if (JSON.stringify(from) !== JSON.stringify(to)) {
      changes.push({ field, from: render(from), to: render(to) });
    }
  }
  return changes;
}
