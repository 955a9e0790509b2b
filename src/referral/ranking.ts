import { Service } from '../directory/models/service.model';
import { Need, TargetGroup } from '../taxonomy/models/taxonomy.models';
import {
  availabilityOf,
  compareOptions,
  coverageOf,
  distanceOf,
  Evaluated,
  exclusionOf,
  expandGroups,
  GroupExpansion,
  guidanceCodes,
  matchGroups,
  matchNeeds,
  offersStay,
  RankingContext,
  ReferralCriteria,
  scoreOf,
} from './matching';
import { CoverageMatch, Referral, ReferralOption } from './models/referral.model';
import { guidanceText, nextStepsFor, reasonsFor } from './referral-texts';

/** The codes the candidate query looks for: expanded groups (perpetrator rule applied) and needs. */
export function candidateCodes(
  criteria: Pick<ReferralCriteria, 'targetGroups' | 'needs'>,
  ctx: Pick<RankingContext, 'taxonomy'>,
): { targetGroupCodes: string[]; needCodes: string[] } {
  return {
    targetGroupCodes: expandGroups(ctx.taxonomy, criteria.targetGroups).codes,
    needCodes: ctx.taxonomy.needs.expandForMatch([
      ...criteria.needs,
      ...ctx.taxonomy.followUps(criteria.needs).map((f) => f.code),
    ]),
  };
}

/** A candidate as the rules see it, or null when it does not match or cannot take the person. */
function evaluate(
  service: Service,
  expansion: GroupExpansion,
  criteria: ReferralCriteria,
  ctx: RankingContext,
): Evaluated | null {
  const tax = ctx.taxonomy;
  const { groupCodes, servedVia } = matchGroups(service, expansion, tax);
  const needs = matchNeeds(service, criteria.needs, tax);
  if (groupCodes.length === 0 || needs.length === 0 || exclusionOf(service, criteria, tax)) {
    return null;
  }
  const spoken = new Set(service.languages);
  return {
    service,
    groupCodes,
    servedVia,
    needs,
    coverage: coverageOf(service, criteria.place, ctx.geography),
    distanceKm: distanceOf(service, criteria.place, ctx.geography),
    availability: availabilityOf(service, ctx.now, ctx.availabilityFreshHours),
    placesMatter: service.capacity !== null || offersStay(service, tax),
    languages: criteria.languages.filter((l) => spoken.has(l)),
  };
}

/**
 * The first `limit` of a ranked list, but never without the best option for a requested need
 * that has one: ten shelters with free places must not hide the only pregnancy team. The best
 * option of each need is taken first, the rest filled by rank, and the result kept in rank order.
 */
export function selectCoveringNeeds<T>(
  ranked: readonly T[],
  needs: readonly string[],
  limit: number,
  meetsNeed: (item: T, need: string) => boolean,
): T[] {
  const chosen = new Set<T>();
  for (const need of needs) {
    const best = ranked.find((item) => meetsNeed(item, need));
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

/** Options shown for each next step of the referral chain. */
const FOLLOW_UP_OPTIONS = 3;

const byDistance = (a: Evaluated, b: Evaluated): number =>
  (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || compareOptions(a, b);

/**
 * The whole answer from the candidate set, without further queries. In the person's area
 * (municipality, region, or national) everything eligible is ranked; a service outside the area
 * appears only for the needs nothing in the area meets, and counts only those needs. Without a
 * place only national services are used.
 */
export function buildReferral(
  candidates: readonly Service[],
  criteria: ReferralCriteria,
  ctx: RankingContext,
): Omit<Referral, 'municipality'> {
  const tax = ctx.taxonomy;
  const expansion = expandGroups(tax, criteria.targetGroups);
  const evaluated = candidates.flatMap((s) => evaluate(s, expansion, criteria, ctx) ?? []);
  const inArea = evaluated.filter((e) => e.coverage !== CoverageMatch.OUTSIDE_AREA);
  const unmet = criteria.needs.filter(
    (n) => !inArea.some((e) => e.needs.some((m) => m.code === n)),
  );
  const outside = criteria.place
    ? evaluated.flatMap((e) => {
        if (e.coverage !== CoverageMatch.OUTSIDE_AREA) {
          return [];
        }
        const needs = e.needs.filter((m) => unmet.includes(m.code));
        return needs.length > 0 ? [{ ...e, needs }] : [];
      })
    : [];
  const ranked = [...inArea, ...outside].sort(compareOptions);

  const needNode = (code: string): Need[] => {
    const node = tax.needs.get(code);
    return node ? [node] : [];
  };
  const groupNode = (code: string): TargetGroup[] => {
    const node = tax.targetGroups.get(code);
    return node ? [node] : [];
  };
  // Texts are built only for the options actually returned (a few dozen of possibly hundreds).
  const buildOption = (e: Evaluated, rank: number, needsFor: ReferralCriteria): ReferralOption => ({
    rank,
    score: scoreOf(e),
    service: e.service,
    matchedNeeds: e.needs.flatMap((m) => needNode(m.code)),
    matchedTargetGroups: e.groupCodes.flatMap(groupNode),
    coverage: e.coverage,
    distanceKm: e.distanceKm,
    availability: e.availability,
    reasons: reasonsFor(e, needsFor, ctx),
    nextSteps: nextStepsFor(e, needsFor, ctx),
  });
  const rankOf = new Map(ranked.map((e, i) => [e, i + 1]));
  const optionOf = new Map<Evaluated, ReferralOption>();
  const toOption = (e: Evaluated): ReferralOption => {
    let option = optionOf.get(e);
    if (!option) {
      option = buildOption(e, rankOf.get(e) ?? 0, criteria);
      optionOf.set(e, option);
    }
    return option;
  };
  const meets = (code: string) => (e: Evaluated) => e.needs.some((m) => m.code === code);

  return {
    options: selectCoveringNeeds(ranked, criteria.needs, criteria.limit, (e, code) =>
      meets(code)(e),
    ).map(toOption),
    byNeed: criteria.needs.flatMap((code) =>
      needNode(code).map((need) => ({
        need,
        options: ranked.filter(meets(code)).slice(0, criteria.limit).map(toOption),
      })),
    ),
    unmetNeeds: unmet.flatMap((code) =>
      needNode(code).map((need) => {
        const [nearest] = outside.filter(meets(code)).sort(byDistance);
        return { need, nearest: nearest ? toOption(nearest) : null };
      }),
    ),
    followUps: tax.followUps(criteria.needs).map(({ code, after }) => {
      const next: ReferralCriteria = { ...criteria, needs: [code] };
      const matching = candidates.flatMap((s) => evaluate(s, expansion, next, ctx) ?? []);
      const near = matching.filter((e) => e.coverage !== CoverageMatch.OUTSIDE_AREA);
      const chosen =
        near.length > 0
          ? near.sort(compareOptions)
          : criteria.place
            ? matching.sort(byDistance)
            : [];
      return {
        need: needNode(code)[0],
        after: after.flatMap(needNode),
        options: chosen.slice(0, FOLLOW_UP_OPTIONS).map((e, i) => buildOption(e, i + 1, next)),
      };
    }),
    guidance: guidanceCodes(criteria, tax).map((code) => ({
      code,
      text: guidanceText(code, ctx.language),
    })),
  };
}
