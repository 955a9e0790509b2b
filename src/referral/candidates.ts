import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  CachedRow,
  CodeMask,
  codeMask,
  overlaps,
  CatalogueSnapshotCache,
  CatalogueSnapshot,
} from '../catalogue/catalogue-snapshot';
import { Service } from '../catalogue/models/service.model';
import { RankingRow } from '../catalogue/service-row';
import { CODES, RankingContext, ReferralCriteria } from './criteria';
import { Evaluator } from './evaluations';
import { expandGroups } from './groups';
import { childJudge, ChildrenOfCriteria, childNeed, childrenOf, meetingNeed } from './children';
import { inArea } from './evaluation';
import { nextNeeds } from './needs';

/**
 * The candidates a referral ranks: the codes it looks for, then its reads over the cached light
 * rows (CatalogueSnapshotCache), reached through the snapshot's place and need indexes, so their cost
 * follows the services of the area, not of the country. The test support's Cypher reads
 * (test/support/referral-repository.ts) define the same sets; a test holds them equal.
 */

/** The person's area: a region and its municipalities, or nothing (national services only). */
export interface ReferralArea {
  regionCode: string | null;
  municipalityCodes: string[];
}

/** The codes the candidate query looks for: expanded groups (perpetrator rule applied) and needs. */
export function candidateCodes(
  criteria: Pick<ReferralCriteria, 'targetGroupCodes' | 'needCodes' | 'languages'> &
    Partial<ChildrenOfCriteria>,
  ctx: Pick<RankingContext, 'taxonomy'>,
  laterNeeds: readonly string[] = [],
): { targetGroupCodes: string[]; needCodes: string[] } {
  const tax = ctx.taxonomy;
  const next = nextNeeds(criteria, ctx, laterNeeds);
  // a next step about a child is matched on the children (see `childJudge`): their services too
  const forChildren =
    next.some(childNeed) &&
    childrenOf(
      {
        targetGroupCodes: criteria.targetGroupCodes,
        age: criteria.age ?? null,
        accompanyingChildren: criteria.accompanyingChildren ?? [],
        childrenAtHome: criteria.childrenAtHome ?? [],
      },
      tax,
    ).length > 0;
  const expansion = expandGroups(tax, criteria.targetGroupCodes);
  const childCodes = forChildren ? expandGroups(tax, [CODES.children]).codes : [];
  const needCodes = tax.needs.expandForMatch([...criteria.needCodes, ...next]);
  const anyVictim = tax.needs.subtree(CODES.anyVictimNeeds);
  // a need any victim can have is met whatever victims' group the service lists
  const open = needCodes.some((n) => anyVictim.has(n)) ? expansion.open : [];
  return {
    targetGroupCodes: [...new Set([...expansion.codes, ...open, ...childCodes])].sort(),
    needCodes,
  };
}

/**
 * The needs a referral must look for outside the person's area, given every candidate in the
 * area (located in or covering the municipality or its region, or national): the requested needs
 * nothing there meets, and the next steps nothing there offers. Without a place: none (only
 * national services are used).
 */
export function needsBeyondArea(
  areaCandidates: readonly RankingRow[],
  criteria: ReferralCriteria,
  ctx: RankingContext,
  evaluations: Evaluator,
): string[] {
  if (!criteria.place) {
    return [];
  }
  const expansion = expandGroups(ctx.taxonomy, criteria.targetGroupCodes);
  const next = nextNeeds(criteria, ctx, []);
  const met = evaluations.metInArea(
    areaCandidates,
    expansion,
    criteria,
    [...new Set([...criteria.needCodes, ...next])],
    ctx,
  );
  // a next step about a child is met in the area only by a service that takes one of the children
  const forChild = childJudge(criteria, ctx);
  const metForChildren = (code: string): boolean =>
    meetingNeed(areaCandidates, code, ctx).some((row) => {
      const e = forChild?.(row, { ...criteria, needCodes: [code] });
      return e !== null && e !== undefined && inArea(e);
    });
  const metNext = (code: string): boolean =>
    forChild && childNeed(code) ? metForChildren(code) : met.has(code);
  return [...criteria.needCodes.filter((n) => !met.has(n)), ...next.filter((c) => !metNext(c))];
}

const servesAny = (c: CachedRow, codes: CodeMask): boolean => overlaps(c.groupMask, codes);

const meetsAny = (c: CachedRow, codes: CodeMask): boolean => overlaps(c.needMask, codes);

const placesOf = (area: ReferralArea): string[] => [
  ...(area.regionCode ? [area.regionCode] : []),
  ...area.municipalityCodes,
];

/**
 * Current services located in or covering the area's municipalities, covering its region, or
 * covering the whole country, serving any of the group codes and meeting any of the need codes.
 */
export function candidatesInArea(
  rows: CatalogueSnapshot,
  area: ReferralArea,
  targetGroupCodes: readonly string[],
  needCodes: readonly string[],
): RankingRow[] {
  const groups = codeMask(targetGroupCodes);
  const needs = codeMask(needCodes);
  const found: RankingRow[] = [];
  // a region is only ever covered (a service is located in a municipality)
  for (const c of rows.inPlacesOrNational(placesOf(area))) {
    if (servesAny(c, groups) && meetsAny(c, needs)) {
      found.push(c.row);
    }
  }
  return found;
}

/**
 * Current services outside the area (neither national nor located in or covering a place of the
 * area) meeting any of the need codes and serving any of the group codes.
 */
export function candidatesBeyondArea(
  rows: CatalogueSnapshot,
  area: ReferralArea,
  targetGroupCodes: readonly string[],
  needCodes: readonly string[],
): RankingRow[] {
  const groups = codeMask(targetGroupCodes);
  const places = new Set(placesOf(area));
  return rows
    .meeting(needCodes)
    .filter((c) => !c.national && !c.places.some((p) => places.has(p)) && servesAny(c, groups))
    .map((c) => c.row);
}

/**
 * As `candidatesBeyondArea`, plus the current services declared as onward referrals (by id) and,
 * from `followFromIds` (current ones), the "continue to" targets up to two links further, each
 * link's target current.
 */
export function candidatesBeyondAreaAndDeclared(
  rows: CatalogueSnapshot,
  area: ReferralArea,
  targetGroupCodes: readonly string[],
  needCodes: readonly string[],
  declared: { declaredIds: readonly string[]; followFromIds: readonly string[] },
): RankingRow[] {
  const found = new Map<string, RankingRow>();
  const add = (row: RankingRow): void => {
    found.set(row.id, row);
  };
  candidatesBeyondArea(rows, area, targetGroupCodes, needCodes).forEach(add);
  for (const id of declared.declaredIds) {
    const c = rows.get(id);
    if (c) {
      add(c.row);
    }
  }
  for (const id of declared.followFromIds) {
    const from = rows.get(id);
    for (const first of from?.row.continuesToIds ?? []) {
      const x = rows.get(first);
      if (!x) {
        continue;
      }
      add(x.row);
      for (const second of x.row.continuesToIds) {
        const y = rows.get(second);
        if (y) {
          add(y.row);
        }
      }
    }
  }
  return [...found.values()];
}

/** The candidate reads of one request, over one snapshot of the cached rows. */
export interface CandidateReader {
  findInArea(area: ReferralArea, targetGroupCodes: string[], needCodes: string[]): RankingRow[];
  findBeyondArea(area: ReferralArea, targetGroupCodes: string[], needCodes: string[]): RankingRow[];
  findBeyondAreaAndDeclared(
    area: ReferralArea,
    targetGroupCodes: string[],
    needCodes: string[],
    declared: { declaredIds: string[]; followFromIds: string[] },
  ): RankingRow[];
  /** The current services with these ids, whole (as the public sees them), in the order given. */
  services(ids: readonly string[]): Service[];
}

/**
 * Where a referral reads its candidates and the services it returns: the cached rows and
 * services (one snapshot, so the returned services are those ranked), brought up to date per
 * request.
 * The rows are loaded when the API starts (before it serves), so the first referral does not
 * pay for reading every service; should that fail, the first referral loads them.
 */
@Injectable()
export class ReferralCandidates implements OnApplicationBootstrap {
  constructor(private readonly cache: CatalogueSnapshotCache) {}

  async onApplicationBootstrap(): Promise<void> {
    // Never logged here (referral code does not log); a failure surfaces in the first referral.
    await this.cache.snapshot().catch(() => undefined);
  }

  /** The reads of one request, over the snapshot as of a catalogue stamp read after this call. */
  async open(): Promise<CandidateReader> {
    const rows = await this.cache.snapshot();
    return {
      findInArea: (area, groups, needs) => candidatesInArea(rows, area, groups, needs),
      findBeyondArea: (area, groups, needs) => candidatesBeyondArea(rows, area, groups, needs),
      findBeyondAreaAndDeclared: (area, groups, needs, declared) =>
        candidatesBeyondAreaAndDeclared(rows, area, groups, needs, declared),
      services: (ids) => rows.servicesByIds(ids),
    };
  }
}
