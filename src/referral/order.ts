import { RankingRow } from '../catalogue/service-row';
import { Ranked } from './evaluation';
import { Availability, CoverageMatch } from './models/referral.model';

/*
 * The ranking's order, in the order professionals asked for: a service in or near a place the
 * person must keep away from after all others; more requested needs met; made for those needs
 * (a shelter met only for counselling, or a service for after a rape when the request is not
 * about one, comes after); a free place before unknown/stale before full, only where the needs
 * are about a place to stay; municipality, region, national, outside; a language the person
 * speaks; nearer; then name (Danish order) and id, so the same data always gives the same order.
 *
 * It is encoded once, as `RankKeys`, `rankKey` and `compareRanked`: an option keyed (`keyed`)
 * and a row of the request table (`Fact`) are both `RankKeys`, read once per row, so ordering
 * many compares numbers, never the option's fields. Every list the answer or a plan ranks
 * (options, needs, next steps, alternatives) is ordered here.
 */

const AVAILABILITY_ORDER: Record<Availability, number> = {
  [Availability.AVAILABLE]: 0,
  [Availability.UNKNOWN]: 1,
  [Availability.STALE]: 1,
  [Availability.FULL]: 2,
  [Availability.NO_PLACES]: 0,
};

const COVERAGE_ORDER: Record<CoverageMatch, number> = {
  [CoverageMatch.MUNICIPALITY]: 0,
  [CoverageMatch.REGION]: 1,
  [CoverageMatch.NATIONAL]: 2,
  [CoverageMatch.OUTSIDE_AREA]: 3,
};

/** What orders an option whatever needs it is counted for. */
export interface RankKeys {
  row: RankingRow;
  /** Km from the person, or Infinity without one. */
  km: number;
  /** In or near a place to keep away from. */
  away: boolean;
}

/**
 * The keys after the needs met, as one number (lower first): fit, availability (where places
 * matter), coverage, a free place (where places matter: before one equal without), a language, each in its own digits so
 * one subtraction compares them in turn.
 */
export function rankKey(
  placesMatter: boolean,
  availability: Availability,
  coverage: CoverageMatch,
  speaks: boolean,
  fit: number,
): number {
  return (
    fit * 64 +
    (placesMatter ? AVAILABILITY_ORDER[availability] : 0) * 16 +
    COVERAGE_ORDER[coverage] * 4 +
    (placesMatter && availability === Availability.AVAILABLE ? 0 : 2) +
    (speaks ? 0 : 1)
  );
}

/** Nearer first; equal (0) when both are as far, Infinity (no distance) included. */
export const compareKm = (a: RankKeys, b: RankKeys): number =>
  a.km === b.km ? 0 : a.km < b.km ? -1 : 1;

/** Away from the places to keep away from first. */
export const compareAway = (a: RankKeys, b: RankKeys): number => Number(a.away) - Number(b.away);

/**
 * The order: away first, then `needsA` and `needsB` the requested needs each meets, then their
 * `rankKey`s, distance and name.
 */
export function compareRanked(
  a: RankKeys,
  needsA: number,
  keyA: number,
  b: RankKeys,
  needsB: number,
  keyB: number,
): number {
  return (
    compareAway(a, b) ||
    needsB - needsA ||
    keyA - keyB ||
    compareKm(a, b) ||
    compareNames(a.row, b.row)
  );
}

/** The order of the candidates beyond the area: away first, nearest, then the order. */
export function compareRankedByKm(
  a: RankKeys,
  needsA: number,
  keyA: number,
  b: RankKeys,
  needsB: number,
  keyB: number,
): number {
  return compareAway(a, b) || compareKm(a, b) || compareRanked(a, needsA, keyA, b, needsB, keyB);
}

/** An option with its keys read once, to order many quickly. */
export interface Keyed<E extends Ranked> extends RankKeys {
  option: E;
  /** Requested needs met. */
  needsMet: number;
  key: number;
}

export function keyed<E extends Ranked>(option: E): Keyed<E> {
  return {
    option,
    needsMet: option.needs.length,
    row: option.service,
    key: rankKey(
      option.placesMatter,
      option.availability,
      option.coverage,
      option.languages.length > 0,
      option.fit,
    ),
    km: option.distanceKm ?? Infinity,
    away: option.away,
  };
}

export const compareKeyed = (a: Keyed<Ranked>, b: Keyed<Ranked>): number =>
  compareRanked(a, a.needsMet, a.key, b, b.needsMet, b.key);

/** Nearest first (away after all), then in the order (for the candidates outside the area). */
export const compareKeyedByKm = (a: Keyed<Ranked>, b: Keyed<Ranked>): number =>
  compareRankedByKm(a, a.needsMet, a.key, b, b.needsMet, b.key);

/** The options in the ranking's order (a new array). */
export function sortOptions<E extends Ranked>(options: readonly E[]): E[] {
  return options
    .map(keyed)
    .sort(compareKeyed)
    .map((x) => x.option);
}

/** The options nearest first, then in the ranking's order (a new array). */
export function sortByKm<E extends Ranked>(options: readonly E[]): E[] {
  return options
    .map(keyed)
    .sort(compareKeyedByKm)
    .map((x) => x.option);
}

/**
 * A number that orders like the ranking keys before distance (ties in it aside); for display.
 * Distance is left out: for a secret address it would point at the place.
 */
export function scoreOf(e: Ranked): number {
  const availability = e.placesMatter ? AVAILABILITY_ORDER[e.availability] : 0;
  const raw =
    (e.away ? 0 : 10_000_000) +
    e.needs.length * 100_000 +
    (2 - e.fit) * 10_000 +
    (2 - availability) * 1_000 +
    (3 - COVERAGE_ORDER[e.coverage]) * 100 +
    (e.languages.length > 0 ? 10 : 0);
  return Math.round(raw * 100) / 100;
}

/** Compares exactly as `localeCompare(other, 'da')` does, without building a collator per call. */
const DANISH = new Intl.Collator('da');

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every service name seen, in Danish order, each with a number that orders as the names do: a
 * name met again is compared as two numbers, not by the collator. A new name is placed between
 * its neighbours (half way); when no number is left between them, all are numbered afresh.
 * Names are public (the catalogue's); the list is started again should it grow very long.
 */
const NAME_ORDER: { names: string[]; place: Map<string, { key: number }> } = {
  names: [],
  place: new Map(),
};
const MAX_NAMES = 200_000;
const GAP = 2 ** 20;

function nameKey(name: string): number {
  const known = NAME_ORDER.place.get(name);
  if (known !== undefined) {
    return known.key;
  }
  if (NAME_ORDER.names.length >= MAX_NAMES) {
    NAME_ORDER.names = [];
    NAME_ORDER.place = new Map();
  }
  const { names, place } = NAME_ORDER;
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = DANISH.compare(names[mid], name);
    if (c === 0) {
      // a different string the collator finds equal: the same place
      const same = place.get(names[mid])!;
      place.set(name, same);
      return same.key;
    }
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const before = lo > 0 ? place.get(names[lo - 1])!.key : 0;
  const after = lo < names.length ? place.get(names[lo])!.key : before + 2 * GAP;
  const at = { key: (before + after) / 2 };
  names.splice(lo, 0, name);
  place.set(name, at);
  if (!(at.key > before && at.key < after)) {
    // no number left between the neighbours: number them all afresh (the order is kept)
    names.forEach((n, i) => (place.get(n)!.key = (i + 1) * GAP));
  }
  return at.key;
}

/** The last keys of the order: name (Danish order), then id. */
export function compareNames(a: RankingRow, b: RankingRow): number {
  if (a.name === b.name) {
    return byText(a.id, b.id);
  }
  return nameKey(a.name) - nameKey(b.name) || byText(a.id, b.id);
}
