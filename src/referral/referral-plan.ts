import { codeMask, needMaskOf, overlaps } from '../catalogue/catalogue-snapshot';
import { RankingRow } from '../catalogue/service-row';
import { Need, Phase } from '../taxonomy/models/taxonomy.models';
import { ChainStep } from '../taxonomy/taxonomy';
import { childJudge } from './children';
import { CODES, followUpContext, RankingContext, ReferralCriteria } from './criteria';
import { Judge, judgeDirectly, Ranked } from './evaluation';
import { Evaluator } from './evaluations';
import { childInvolved, expandGroups } from './groups';
import {
  Availability,
  MunicipalServiceKind,
  PlanPhase,
  ReferralOption,
} from './models/referral.model';
import { availabilityOf } from './place';
import { MAX_CODES, Table } from './request-table';
import { phrasesFor, stepReason } from './reasons';
import { municipalServiceOf } from './rendering';
import {
  alternativesIfFull,
  chainStepOptions,
  Chosen,
  Rankings,
  ReferralSelection,
} from './selection';
import { tableRankings } from './table-selection';

/** Links of the taxonomy's referral chain a plan follows from the requested needs. */
export const PLAN_DEPTH = 3;
/**
 * Links of declared onward referrals ("our clients usually continue to") a plan follows from the
 * first options; the candidate query loads the targets up to this depth (see
 * `ReferralCandidates.findBeyondAreaAndDeclared`).
 */
export const DECLARED_DEPTH = 3;
/** Steps shown per phase, at most. */
export const MAX_STEPS_PER_PHASE = 5;
/** Options shown per step. */
export const STEP_OPTIONS = 3;

const PHASE_ORDER: Phase[] = [Phase.DETECTION, Phase.SUPPORT, Phase.AFTERCARE];

/**
 * What a plan says about a step beyond the chain: it is for the children living in the home,
 * family treatment for a victim comes only after safety, legal help starts with the victims'
 * counsel.
 */
export type StepNote = 'CHILDREN_AT_HOME' | 'AFTER_SAFETY' | 'VICTIMS_COUNSEL';

export interface PlanChainStep extends ChainStep {
  notes: StepNote[];
}

/**
 * The chain a plan follows: each need once, never one the request covers (so no cycle); with
 * children in the home, a step for them (psychological help for children) when the chain does
 * not reach one. Notes say what a victim must know of a step.
 */
export function planChain(criteria: ReferralCriteria, ctx: RankingContext): PlanChainStep[] {
  const tax = ctx.taxonomy;
  const victim = !expandGroups(tax, criteria.targetGroupCodes).perpetratorRequest;
  const steps: PlanChainStep[] = tax
    .chain(criteria.needCodes, followUpContext(criteria), PLAN_DEPTH)
    .map((c) => ({ ...c, notes: [] }));
  const forChildren = CODES.childPsychologicalTreatment;
  if (victim && criteria.childrenAtHome.length > 0 && tax.needs.get(forChildren)) {
    const covered = new Set(tax.needs.expandForMatch(criteria.needCodes));
    const step = steps.find((c) => c.code === forChildren);
    if (step) {
      step.notes.push('CHILDREN_AT_HOME');
    } else if (!covered.has(forChildren)) {
      steps.push({ code: forChildren, after: [], notes: ['CHILDREN_AT_HOME'] });
    }
  }
  if (victim) {
    const legal = tax.needs.subtree(CODES.legalAdvice);
    for (const step of steps) {
      if (step.code === CODES.familyTreatment) {
        step.notes.push('AFTER_SAFETY');
      } else if (
        step.code === CODES.legalAdvice ||
        (legal.has(step.code) && step.after.includes(CODES.acuteExaminationAfterRape))
      ) {
        step.notes.push('VICTIMS_COUNSEL');
      }
    }
  }
  return steps;
}

/**
 * Whom the next steps are for: the person's groups and, when a child is involved (a child, or
 * children who come along), the household too (services for children and for families: the
 * children's psychologist, family treatment). Never widened for a perpetrator request, whose
 * groups stay perpetrators only.
 */
export function stepCriteria(criteria: ReferralCriteria, ctx: RankingContext): ReferralCriteria {
  const tax = ctx.taxonomy;
  if (
    !childInvolved(criteria, tax) ||
    expandGroups(tax, criteria.targetGroupCodes).perpetratorRequest
  ) {
    return criteria;
  }
  const household = CODES.household.filter((c) => tax.targetGroups.has(c));
  return {
    ...criteria,
    targetGroupCodes: [...new Set([...criteria.targetGroupCodes, ...household])],
  };
}

/**
 * The declared targets a referral must load beyond the candidates of the area: the "if we are
 * full, try" targets of full candidates and, for a plan, the "continue to" targets of every
 * candidate, when the area's candidates do not hold them already (from those, the query follows
 * further declarations). Empty when the area holds every target, so no read is added.
 */
export function declaredToLoad(
  areaCandidates: readonly RankingRow[],
  withPlan: boolean,
  ctx: RankingContext,
): { declaredIds: string[]; followFromIds: string[] } {
  // only a full candidate's "if full, try" targets (availability read only where there are any)
  const ifFull: string[] = [];
  for (const s of areaCandidates) {
    if (
      s.ifFullTryIds.length > 0 &&
      availabilityOf(s, ctx.now, ctx.availabilityFreshHours, true) === Availability.FULL
    ) {
      ifFull.push(...s.ifFullTryIds);
    }
  }
  // no array is made for the many candidates that declare nothing
  const continues: string[] = [];
  if (withPlan) {
    for (const s of areaCandidates) {
      if (s.continuesToIds.length > 0) {
        continues.push(...s.continuesToIds);
      }
    }
  }
  // which targets the area holds (a set of the few targets, not one of every candidate)
  const targets = new Set([...ifFull, ...continues]);
  const held = new Set<string>();
  if (targets.size > 0) {
    for (const s of areaCandidates) {
      if (targets.has(s.id)) {
        held.add(s.id);
      }
    }
  }
  const unknown = (ids: string[]): string[] => [...new Set(ids.filter((id) => !held.has(id)))];
  return {
    declaredIds: unknown([...ifFull, ...continues]),
    followFromIds: unknown(continues),
  };
}

interface StepDraft {
  code: string;
  after: string[];
  notes: StepNote[];
  /** False for a step only declarations add: it lists only the declared services. */
  ranked: boolean;
  /** Names of the services whose declarations put something here. */
  declaredBy: string[];
  declared: { option: Ranked; by: string }[];
}

export interface PlanStepSelection {
  code: string;
  after: string[];
  notes: StepNote[];
  declaredBy: string[];
  options: Chosen[];
  municipal: MunicipalServiceKind | null;
}

export interface PlanSelection {
  phases: { phase: Phase; steps: PlanStepSelection[] }[];
}

/**
 * The steps that follow the referral answer, decided on light rows without further queries.
 * The taxonomy's chain gives the steps; the organisations' declared onward referrals, followed
 * from the best option for each requested need (breadth first, each service once, so a declared
 * cycle ends), put their targets first in the step whose need they meet for the person, or add a
 * step of their own. Every option is matched and ranked by the referral's rules.
 */
export function selectPlan(
  candidates: readonly RankingRow[],
  criteria: ReferralCriteria,
  selection: ReferralSelection,
  ctx: RankingContext,
  evaluations: Evaluator,
  stepTable: Table | null = null,
): PlanSelection {
  const tax = ctx.taxonomy;
  const forWhom = stepCriteria(criteria, ctx);
  const household = judgeDirectly(ctx);
  const forChild = childJudge(criteria, ctx);
  const childNeeds: readonly string[] = CODES.childNeeds;
  // services made for perpetrators are excluded by eligibility for a victim (the request's
  // flag is kept in every step's criteria)
  const householdKept = household;
  const childKept = forChild;
  // a step about a child is judged on the child; the rest on the person and the household
  const judgeFor = (code: string): Judge =>
    childKept && childNeeds.includes(code) ? childKept : householdKept;
  const judge: Judge = (row, c) => judgeFor(c.needCodes[0] ?? '')(row, c);
  const chain = planChain(criteria, ctx);
  // The household's steps are read from a table of their needs, as the referral's are: a row is
  // judged whole only when a step returns it. A child's step ranks only the candidates that meet
  // its need at all, judged for each child.
  const tableCodes = [...new Set(chain.map((c) => c.code))].filter(
    (code) => judgeFor(code) === householdKept,
  );
  // the table the candidate stage built for the steps, when it holds them all
  const table =
    stepTable && tableCodes.every((code) => stepTable.bitOf(code) !== 0)
      ? stepTable
      : tableCodes.length > 0 && tableCodes.length <= MAX_CODES
        ? new Table(expandGroups(tax, forWhom.targetGroupCodes), forWhom, tableCodes, ctx)
        : null;
  let fromTable: Rankings | undefined;
  const ranks = new Map<string, Rankings>();
  const rankFor = (code: string): Rankings => {
    if (table && tableCodes.includes(code)) {
      return (fromTable ??= tableRankings(table, table.facts(candidates), householdKept));
    }
    let rank = ranks.get(code);
    if (!rank) {
      const meeting = codeMask([
        ...tax.needs.ancestorsAndSelf(code),
        ...tax.needs.descendantsAndSelf(code),
      ]);
      const rows = candidates.filter((row) => overlaps(needMaskOf(row), meeting));
      rank = evaluations.rankings(rows, ctx, judgeFor(code));
      ranks.set(code, rank);
    }
    return rank;
  };
  const noCandidates = evaluations.rankings([], ctx, householdKept);
  const covered = new Set(tax.needs.expandForMatch(criteria.needCodes));
  const byId = new Map(candidates.map((s) => [s.id, s]));
  const steps: StepDraft[] = chain.map((c) => ({
    code: c.code,
    after: c.after,
    notes: c.notes,
    ranked: true,
    declaredBy: [],
    declared: [],
  }));
  const forNeed = (code: string): ReferralCriteria => ({ ...forWhom, needCodes: [code] });

  const place = (target: RankingRow, by: string): boolean => {
    for (const step of steps) {
      const e = judge(target, forNeed(step.code));
      if (e) {
        step.declared.push({ option: e, by });
        return true;
      }
    }
    for (const code of target.needCodes) {
      if (covered.has(code) || steps.some((s) => s.code === code)) {
        continue;
      }
      const e = judge(target, forNeed(code));
      if (e) {
        steps.push({
          code,
          after: [],
          notes: [],
          ranked: false,
          declaredBy: [by],
          declared: [{ option: e, by }],
        });
        return true;
      }
    }
    return false;
  };

  const first = selection.byNeed.flatMap((b) => b.options.slice(0, 1).map((o) => o.option.service));
  const seen = new Set(first.map((s) => s.id));
  let frontier: RankingRow[] = first;
  for (let depth = 0; depth < DECLARED_DEPTH && frontier.length > 0; depth++) {
    const next: RankingRow[] = [];
    for (const from of frontier) {
      for (const id of from.continuesToIds) {
        const target = byId.get(id);
        if (seen.has(id) || !target) {
          continue;
        }
        seen.add(id);
        if (place(target, from.name)) {
          next.push(target);
        }
      }
    }
    frontier = next;
  }

  const chosen = steps.map((step): PlanStepSelection => {
    const needs = forNeed(step.code);
    const rank = rankFor(step.code);
    const answer = chainStepOptions(
      step.ranked ? rank : noCandidates,
      needs,
      step.declared,
      STEP_OPTIONS,
      ctx,
    );
    return {
      code: step.code,
      after: step.after,
      notes: step.notes,
      declaredBy: step.declaredBy,
      options: answer.options.map((o) => ({
        ...o,
        ifFull: alternativesIfFull(o.option, rank, byId, needs, judgeFor(step.code)),
      })),
      municipal: answer.municipal,
    };
  });
  const phaseOf = (code: string): Phase => tax.needs.get(code)?.phase ?? Phase.SUPPORT;
  return {
    phases: PHASE_ORDER.map((phase) => ({
      phase,
      steps: chosen.filter((s) => phaseOf(s.code) === phase).slice(0, MAX_STEPS_PER_PHASE),
    })).filter((p) => p.steps.length > 0),
  };
}

/** Every option a plan returns (their alternatives included by `selectedIds`). */
export function planPicks(plan: PlanSelection): Chosen[] {
  return plan.phases.flatMap((p) => p.steps.flatMap((s) => s.options));
}

/** The plan's phases once the chosen services are loaded whole, texts in `ctx.language`. */
export function renderPlan(
  plan: PlanSelection,
  render: (chosen: Chosen, needsFor?: ReferralCriteria) => ReferralOption[],
  criteria: ReferralCriteria,
  ctx: RankingContext,
): PlanPhase[] {
  const needNode = (code: string): Need[] => {
    const node = ctx.taxonomy.needs.get(code);
    return node ? [node] : [];
  };
  return plan.phases.map(({ phase, steps }) => ({
    phase,
    steps: steps.flatMap((step) =>
      needNode(step.code).map((need) => {
        const after = step.after.flatMap(needNode);
        const needs: ReferralCriteria = { ...stepCriteria(criteria, ctx), needCodes: [step.code] };
        const notes = step.notes.map((n) => phrasesFor(ctx.language).stepNotes[n]);
        return {
          need,
          after,
          reason: [
            ...(after.length > 0 || step.declaredBy.length > 0
              ? [stepReason(after, step.declaredBy, ctx.language)]
              : []),
            ...notes,
          ].join('. '),
          options: step.options.flatMap((o) => render(o, needs)),
          municipalService: municipalServiceOf(step.municipal, criteria, ctx),
        };
      }),
    ),
  }));
}
