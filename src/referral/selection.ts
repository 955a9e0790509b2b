import { RankingRow } from '../catalogue/service-row';
import { childJudge, childNeed, meetingNeed } from './children';
import { CODES, followUpContext, RankingContext, ReferralCriteria } from './criteria';
import { inArea, Judge, Ranked } from './evaluation';
import { firstInOrder } from './first-in-order';
import { Availability, CoverageMatch, MunicipalServiceKind } from './models/referral.model';
import { offersStay } from './needs';
import { compareKeyed, compareKeyedByKm, Keyed, keyed } from './order';

/*
 * Selection: which candidates a referral returns, in which order, for which part of the answer,
 * decided on light rows. The request's evaluations (`Evaluations`) decide the main lists; the
 * parts here (next steps, alternatives of full options) read the rankings they give.
 */

/** Options shown for each next step of the referral chain. */
export const FOLLOW_UP_OPTIONS = 3;
/** Alternatives shown for an option that is full. */
export const IF_FULL_OPTIONS = 3;

/**
 * The candidates meeting one list of needs for the person, ranked: the first `n` of those in the
 * area, or outside it (nearest first), that `keep` accepts.
 */
export interface Ranking {
  anyClose: boolean;
  close(n: number, keep: (e: Ranked) => boolean): Ranked[];
  outside(n: number, keep: (e: Ranked) => boolean): Ranked[];
}

/** The ranking of the candidates for the needs of the criteria given (the rest as the request's). */
export type Rankings = (criteria: ReferralCriteria) => Ranking;

/** A ranking that orders only as many as it is asked for (see `firstInOrder`). */
export function lazyRanking(matching: readonly Ranked[], withOutside: boolean): Ranking {
  const close: Keyed<Ranked>[] = [];
  const outside: Keyed<Ranked>[] = [];
  for (const option of matching) {
    if (inArea(option)) {
      close.push(keyed(option));
    } else if (withOutside) {
      outside.push(keyed(option));
    }
  }
  const first =
    (list: Keyed<Ranked>[], compare: typeof compareKeyed) =>
    (n: number, keep: (option: Ranked) => boolean): Ranked[] =>
      firstInOrder(list, n, (x) => keep(x.option), compare).map((x) => x.option);
  return {
    anyClose: close.length > 0,
    close: first(close, compareKeyed),
    outside: first(outside, compareKeyedByKm),
  };
}

/**
 * One chosen candidate and its rank in its list; `needsFor` when it was chosen for other needs
 * than the request's (a next step, an alternative), `declaredBy` when an organisation's declared
 * onward referral put it there, and the alternatives when it is full.
 */
export interface Chosen {
  option: Ranked;
  rank: number;
  needsFor?: ReferralCriteria;
  declaredBy?: { name: string; kind: 'CONTINUES_TO' | 'IF_FULL_TRY' };
  ifFull: Chosen[];
}

/**
 * What a referral returns, decided on light rows: which candidates, in which order, for which
 * part of the answer. `renderReferral` turns it into the answer once the chosen services are
 * loaded whole.
 */
export interface ReferralSelection {
  options: Chosen[];
  byNeed: { code: string; options: Chosen[] }[];
  unmetNeeds: { code: string; nearest: Chosen | null }[];
  followUps: {
    code: string;
    after: string[];
    options: Chosen[];
    municipal: MunicipalServiceKind | null;
  }[];
}

/**
 * The first `limit` of a ranked list, but never without the best option for a requested need
 * that has one: ten shelters with free places must not hide the only pregnancy team. Nor without
 * the best option in the person's own municipality for each need (`local`): a full shelter in
 * her town stays in the answer, with where to try instead. The best option of each need is
 * taken first, then the best local one, the rest filled by rank, all kept in rank order.
 */
export function selectCoveringNeeds<T>(
  ranked: readonly T[],
  needs: readonly string[],
  limit: number,
  meetsNeed: (item: T, need: string) => boolean,
  local: (item: T) => boolean,
): T[] {
  const chosen = new Set<T>();
  for (const need of needs) {
    const best = ranked.find((item) => meetsNeed(item, need));
    if (best !== undefined && chosen.size < limit) {
      chosen.add(best);
    }
  }
  for (const need of needs) {
    const best = ranked.find((item) => local(item) && meetsNeed(item, need));
    if (best !== undefined && chosen.size < limit) {
      chosen.add(best);
    }
  }
  for (const item of ranked) {
    if (chosen.size >= limit) {
      break;
    }
    chosen.add(item);
  }
  return ranked.filter((item) => chosen.has(item));
}

/** A step's options: the declared ones, then the picked ones, at most `max`, ranked 1.. in that order. */
function stepList(
  next: ReferralCriteria,
  declared: readonly { option: Ranked; by: string }[],
  picked: readonly Ranked[],
  max: number,
): Chosen[] {
  return [
    ...declared.map((d): Chosen => ({
      option: d.option,
      rank: 0,
      needsFor: next,
      declaredBy: { name: d.by, kind: 'CONTINUES_TO' },
      ifFull: [],
    })),
    ...picked.map((option): Chosen => ({ option, rank: 0, needsFor: next, ifFull: [] })),
  ]
    .slice(0, max)
    .map((c, i) => ({ ...c, rank: i + 1 }));
}

/**
 * The options of a next step: the declared ones first (in declared order), then the ranked
 * ones in the area, or the nearest outside it when none is; at most `max`.
 */
export function stepOptions(
  rank: Rankings,
  next: ReferralCriteria,
  declared: readonly { option: Ranked; by: string }[],
  max: number,
): Chosen[] {
  const ranking = rank(next);
  const taken = new Set(declared.map((d) => d.option.service.id));
  const keep = (e: Ranked): boolean => !taken.has(e.service.id);
  const wanted = max - declared.length;
  const ranked = ranking.anyClose ? ranking.close(wanted, keep) : ranking.outside(wanted, keep);
  return stepList(next, declared, ranked, max);
}

/** The options of a step of the referral chain, and the person's municipality when it answers. */
export interface StepAnswer {
  options: Chosen[];
  municipal: MunicipalServiceKind | null;
}

/**
 * The options of a step of the referral chain (`stepOptions`), except for an aftercare need,
 * which is met where the person will live: services located in or covering the person's
 * municipality first (among them, a shelter last unless it lists aftercare itself: someone
 * leaving a shelter is not sent to one), then, for a need every municipality meets by law (work
 * and education, housing, Danish lessons, contact with authorities), the municipality itself
 * and nothing farther; for any other aftercare need, or when the person's municipality is one
 * to keep away from, the region's, then the rest nearest first, places to keep away from last.
 */
export function chainStepOptions(
  rank: Rankings,
  next: ReferralCriteria,
  declared: readonly { option: Ranked; by: string }[],
  max: number,
  ctx: RankingContext,
): StepAnswer {
  const [code] = next.needCodes;
  const tax = ctx.taxonomy;
  if (next.needCodes.length !== 1 || !tax.needs.subtree(CODES.aftercare).has(code)) {
    return { options: stepOptions(rank, next, declared, max), municipal: null };
  }
  const place = next.place;
  // the person's own municipality answers, unless it is a place to keep away from
  const home =
    place && !next.keepAwayFrom.some((m) => m.code === place.municipality.code)
      ? place.municipality.code
      : null;
  const duty = home ? (CODES.municipalDuties[code] ?? null) : null;
  const ranking = rank(next);
  const taken = new Set(declared.map((d) => d.option.service.id));
  const picked: Ranked[] = [];
  const free = (e: Ranked): boolean => !taken.has(e.service.id) && !picked.includes(e);
  const room = (): number => Math.max(0, max - declared.length - picked.length);
  const shelter = (e: Ranked): boolean =>
    offersStay(e.service, tax) && !e.service.needCodes.includes(CODES.aftercare);
  /** The first of the area's that `keep` accepts, as many as there is room for. */
  const take = (keep: (e: Ranked) => boolean): void => {
    if (room() > 0) {
      picked.push(...ranking.close(room(), (e) => free(e) && keep(e)));
    }
  };
  const byKm = (a: Ranked, b: Ranked): number =>
    (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity);
  const local = (e: Ranked): boolean => !e.away && e.coverage === CoverageMatch.MUNICIPALITY;
  take((e) => local(e) && !shelter(e));
  take((e) => local(e) && shelter(e));
  if (!duty) {
    take((e) => !e.away && e.coverage === CoverageMatch.REGION);
    // the rest of the area (national services) and beyond it, nearest first
    const farther = (e: Ranked): boolean =>
      free(e) &&
      !e.away &&
      e.coverage !== CoverageMatch.MUNICIPALITY &&
      e.coverage !== CoverageMatch.REGION;
    picked.push(
      ...[...ranking.close(max, farther), ...ranking.outside(max, farther)]
        .sort(byKm)
        .slice(0, room()),
    );
    // a place to keep away from after all others
    picked.push(
      ...[
        ...ranking.close(max, (e) => free(e) && e.away),
        ...ranking.outside(max, (e) => free(e) && e.away),
      ]
        .sort(byKm)
        .slice(0, room()),
    );
  }
  const options = stepList(next, declared, picked, max);
  return {
    options,
    municipal: duty ? MunicipalServiceKind[duty] : null,
  };
}

/**
 * `alternativesIfFull`, remembered per option for the request's own criteria (an option can be
 * picked for several needs); for other criteria (a next step's) worked out each time.
 */
export function alternativesIfFullOnce(
  rank: Rankings,
  byId: { get(id: string): RankingRow | undefined },
  criteria: ReferralCriteria,
  judge: Judge,
): (e: Ranked, c: ReferralCriteria) => Chosen[] {
  const alternatives = new Map<Ranked, Chosen[]>();
  return (e, c) => {
    let found = c === criteria ? alternatives.get(e) : undefined;
    if (!found) {
      found = alternativesIfFull(e, rank, byId, c, judge);
      if (c === criteria) {
        alternatives.set(e, found);
      }
    }
    return found;
  };
}

/**
 * Where to try when an option is full: the services its organisation declared ("if we are
 * full, try"), in declared order, that take the person for the same needs and are not full
 * themselves; then the next best that are not full, by the usual ranking, in the area (and, for
 * an option outside the area, the nearest outside it); at most IF_FULL_OPTIONS. Empty unless
 * the option is FULL.
 */
export function alternativesIfFull(
  full: Ranked,
  rank: Rankings,
  byId: { get(id: string): RankingRow | undefined },
  criteria: ReferralCriteria,
  judge: Judge,
): Chosen[] {
  if (full.availability !== Availability.FULL) {
    return [];
  }
  const same: ReferralCriteria = { ...criteria, needCodes: full.needs.map((m) => m.code) };
  const usable = (e: Ranked): boolean =>
    e.service.id !== full.service.id && e.availability !== Availability.FULL;
  const declared = full.service.ifFullTryIds.flatMap((id) => {
    const row = byId.get(id);
    const e = row ? judge(row, same) : null;
    return e && usable(e) ? [e] : [];
  });
  const taken = new Set(declared.map((e) => e.service.id));
  const ranking = rank(same);
  const keep = (e: Ranked): boolean => usable(e) && !taken.has(e.service.id);
  const wanted = IF_FULL_OPTIONS - declared.length;
  const close = ranking.close(wanted, keep);
  // Beyond the area only for an option that is itself beyond it: the candidates outside the
  // area are read only for needs the area cannot meet, so this is what they always hold.
  const ranked = inArea(full) ? close : [...close, ...ranking.outside(wanted - close.length, keep)];
  return [
    ...declared.map((option): Chosen => ({
      option,
      rank: 0,
      needsFor: same,
      declaredBy: { name: full.service.name, kind: 'IF_FULL_TRY' },
      ifFull: [],
    })),
    ...ranked.map((option): Chosen => ({ option, rank: 0, needsFor: same, ifFull: [] })),
  ]
    .slice(0, IF_FULL_OPTIONS)
    .map((c, i) => ({ ...c, rank: i + 1 }));
}

/**
 * The follow-ups of a selection: per next need, its best options for the person; a next step
 * about a child, for an adult with children, matched on the children (see `childJudge`) among
 * the candidates that meet it.
 */
export function followUpSelections(
  ctx: RankingContext,
  criteria: ReferralCriteria,
  rank: Rankings,
  ifFull: (e: Ranked, c: ReferralCriteria) => Chosen[],
  candidates: readonly RankingRow[],
): ReferralSelection['followUps'] {
  const forChild = childJudge(criteria, ctx);
  let byIdMap: Map<string, RankingRow> | undefined;
  const byId = {
    get: (id: string): RankingRow | undefined =>
      (byIdMap ??= new Map(candidates.map((s) => [s.id, s]))).get(id),
  };
  return ctx.taxonomy
    .followUps(criteria.needCodes, followUpContext(criteria))
    .map(({ code, after }) => {
      const next: ReferralCriteria = { ...criteria, needCodes: [code] };
      if (forChild && childNeed(code)) {
        const matching = meetingNeed(candidates, code, ctx).flatMap(
          (row) => forChild(row, next) ?? [],
        );
        const ranking = lazyRanking(matching, criteria.place !== null);
        const forChildren: Rankings = () => ranking;
        return {
          code,
          after,
          options: stepOptions(forChildren, next, [], FOLLOW_UP_OPTIONS).map((c) => ({
            ...c,
            needsFor: undefined,
            ifFull: alternativesIfFull(c.option, forChildren, byId, next, forChild),
          })),
          municipal: null,
        };
      }
      const answer = chainStepOptions(rank, next, [], FOLLOW_UP_OPTIONS, ctx);
      return {
        code,
        after,
        options: answer.options.map((c) => ({
          ...c,
          needsFor: undefined,
          ifFull: ifFull(c.option, next),
        })),
        municipal: answer.municipal,
      };
    });
}

/** The ids of every service a selection returns (each once), to load them whole. */
export function selectedIds(selection: ReferralSelection, more: readonly Chosen[] = []): string[] {
  const picks = [
    ...selection.options,
    ...selection.byNeed.flatMap((b) => b.options),
    ...selection.unmetNeeds.flatMap((u) => (u.nearest ? [u.nearest] : [])),
    ...selection.followUps.flatMap((f) => f.options),
    ...more,
  ];
  return [...new Set(picks.flatMap((p) => [p, ...p.ifFull]).map((p) => p.option.service.id))];
}
