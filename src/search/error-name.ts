/**
 * A short, data-free description of a failure (name and code, never the message). Checked by
 * shape, not `instanceof`: the Meilisearch client's errors may come from another module realm.
 */
export function errorName(error: unknown): string {
  const describe = (e: unknown, depth: number): string => {
    if (typeof e !== 'object' || e === null) {
      return 'unknown';
    }
    const name = 'name' in e && typeof e.name === 'string' ? e.name : 'unknown';
    const code = 'code' in e && typeof e.code === 'string' ? `:${e.code}` : '';
    // The Meilisearch client wraps what failed (refused connection, error answer) as the cause.
    const cause =
      depth < 2 && 'cause' in e && e.cause instanceof Object && 'name' in e.cause
        ? ` <- ${describe(e.cause, depth + 1)}`
        : '';
    return `${name}${code}${cause}`;
  };
  return describe(error, 0).slice(0, 120);
}
