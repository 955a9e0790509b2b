import { languageName } from '../taxonomy/language-names';
import { Taxonomy } from '../taxonomy/taxonomy';
import { CODES, RankingContext, ReferralCriteria } from './criteria';
import { Ranked } from './evaluation';
import { childInvolved, expandGroups } from './groups';
import { CoverageMatch, GuidanceCode } from './models/referral.model';
import { joinList } from './phrases';
import { phrasesFor } from './reasons';
import { Chosen, ReferralSelection } from './selection';

/** The rule of guidance: what a professional must be told whatever the services found. */

/**
 * The languages the person speaks that the first options (the first of each requested need)
 * do not, and a place near (in the municipality or region, not one to keep away from) among
 * the answer's options that speaks one of them; null when no interpreter is needed (no language given, Danish among
 * them, or every first option speaks one).
 */
export interface InterpreterNeed {
  languages: string[];
  near: Ranked | null;
}

export function interpreterNeed(
  criteria: ReferralCriteria,
  selection: ReferralSelection,
): InterpreterNeed | null {
  const spoken = criteria.languages;
  if (spoken.length === 0 || spoken.includes('da')) {
    return null;
  }
  const speaks = (c: Chosen): boolean => c.option.languages.length > 0;
  const first = selection.byNeed.flatMap((b) => b.options.slice(0, 1));
  if (first.length === 0 || first.every(speaks)) {
    return null;
  }
  const near = [...selection.options, ...selection.byNeed.flatMap((b) => b.options)]
    .filter(
      (c) =>
        speaks(c) &&
        !c.option.away &&
        (c.option.coverage === CoverageMatch.MUNICIPALITY ||
          c.option.coverage === CoverageMatch.REGION),
    )
    .sort((a, b) => a.rank - b.rank)
    .at(0);
  return { languages: spoken, near: near?.option ?? null };
}

/** The guidance that applies to a request, in a fixed order. */
export function guidanceCodes(
  criteria: ReferralCriteria,
  tax: Taxonomy,
  interpreter: InterpreterNeed | null = null,
): GuidanceCode[] {
  const safety = tax.needs.subtree(CODES.safety);
  const police = tax.needs.subtree(CODES.policeProtection);
  const danger = { has: (c: string): boolean => safety.has(c) || police.has(c) };
  const victim = !expandGroups(tax, criteria.targetGroupCodes).perpetratorRequest;
  const out: GuidanceCode[] = [];
  if (criteria.needCodes.some((c) => danger.has(c))) {
    out.push(GuidanceCode.DANGER_CALL_112);
  }
  const stays: readonly string[] = CODES.victimStays;
  if (criteria.needCodes.some((c) => stays.includes(c)) && victim) {
    out.push(GuidanceCode.SHELTER_PLACES_1888);
  }
  const afterRape = criteria.needCodes.includes(CODES.acuteExaminationAfterRape);
  if (afterRape) {
    out.push(GuidanceCode.RAPE_ACUTE_EXAMINATION);
  }
  // legal help after a rape or violence starts with the victims' counsel; divorce, custody or
  // residence asked for alone are advice of their own
  if (victim && (afterRape || criteria.needCodes.includes(CODES.legalAdvice))) {
    out.push(GuidanceCode.VICTIMS_COUNSEL);
  }
  if (childInvolved(criteria, tax)) {
    out.push(GuidanceCode.DUTY_TO_NOTIFY);
  }
  if (pregnancy(criteria, tax)) {
    out.push(GuidanceCode.DUTY_TO_NOTIFY_UNBORN);
  }
  if (interpreter) {
    out.push(GuidanceCode.INTERPRETER);
  }
  if (!criteria.place) {
    out.push(GuidanceCode.NO_PLACE_GIVEN);
  }
  return out;
}

/** A pregnant woman: the group (or a narrower one), or a pregnancy need asked for. */
function pregnancy(criteria: ReferralCriteria, tax: Taxonomy): boolean {
  const pregnant = tax.targetGroups.subtree(CODES.pregnantWomen);
  const care = tax.needs.subtree(CODES.pregnancyCare);
  return (
    criteria.targetGroupCodes.some((c) => pregnant.has(c)) ||
    criteria.needCodes.some((c) => care.has(c))
  );
}

/** The guidance of a referral with its texts, in `ctx.language`. */
export function guidanceFor(
  criteria: ReferralCriteria,
  selection: ReferralSelection,
  ctx: RankingContext,
): { code: GuidanceCode; text: string }[] {
  const interpreter = interpreterNeed(criteria, selection);
  const p = phrasesFor(ctx.language);
  return guidanceCodes(criteria, ctx.taxonomy, interpreter).map((code) => ({
    code,
    text:
      code === GuidanceCode.INTERPRETER
        ? p.interpreter(
            joinList(
              (interpreter?.languages ?? []).map((l) => languageName(l, p.locale)),
              p.or,
            ),
            interpreter?.near?.service.name ?? null,
          )
        : p.guidance[code],
  }));
}
