/*
 * Taking the first few of many in an order without sorting them all: a referral returns a few
 * options out of thousands of candidates.
 */

/**
 * The first `n` items `keep` accepts, in the order of `compare` (a total order): what
 * `items.filter(keep).sort(compare).slice(0, n)` gives, without sorting them all.
 */
export function firstInOrder<T>(
  items: readonly T[],
  n: number,
  keep: (item: T) => boolean,
  compare: (a: T, b: T) => number,
): T[] {
  const best: T[] = [];
  if (n <= 0) {
    return best;
  }
  for (const item of items) {
    if (best.length === n && compare(item, best[n - 1]) >= 0) {
      continue;
    }
    if (!keep(item)) {
      continue;
    }
    let i = best.length;
    while (i > 0 && compare(item, best[i - 1]) < 0) {
      i--;
    }
    best.splice(i, 0, item);
    if (best.length > n) {
      best.pop();
    }
  }
  return best;
}

/**
 * The rank (1 first) of each of `picked` among `all` in the order of `compare` (a total order
 * holding every picked one): one pass over `all`, each placed among the picked by bisection.
 */
export function ranksAmong<T>(
  all: readonly T[],
  picked: readonly T[],
  compare: (a: T, b: T) => number,
): Map<T, number> {
  const sorted = [...new Set(picked)].sort(compare);
  // before[i]: how many of `all` come before sorted[i] and not before sorted[i - 1]
  const before = new Array<number>(sorted.length + 1).fill(0);
  for (const x of all) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(sorted[mid], x) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    // x comes before sorted[lo], sorted[lo + 1], …
    before[lo]++;
  }
  const ranks = new Map<T, number>();
  let count = 0;
  sorted.forEach((p, i) => {
    count += before[i];
    ranks.set(p, count + 1);
  });
  return ranks;
}
