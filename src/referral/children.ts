import { RankingRow } from '../catalogue/service-row';
import { Taxonomy } from '../taxonomy/taxonomy';
import { CODES, RankingContext, ReferralCriteria } from './criteria';
import { Judge, judgeDirectly } from './evaluation';
import { personIsChild } from './groups';

/*
 * Steps about a child (psychological help for children, a children's house) when the person is
 * an adult with children who come along or live in the home: they are for the children.
 */

/**
 * The ages of the children a child's step is for (those who come along and those at home), when
 * the person is an adult; empty when the person is the child.
 */
export type ChildrenOfCriteria = Pick<
  ReferralCriteria,
  'targetGroupCodes' | 'age' | 'accompanyingChildren' | 'childrenAtHome'
>;

export function childrenOf(criteria: ChildrenOfCriteria, tax: Taxonomy): number[] {
  if (personIsChild(criteria, tax)) {
    return [];
  }
  return [...new Set([...criteria.accompanyingChildren, ...criteria.childrenAtHome])].sort(
    (a, b) => a - b,
  );
}

/**
 * How a step about a child (psychological help for children, a children's house) judges a
 * service for an adult's children: as a referral for each child (the children's group, the
 * child's age), the first child it takes deciding; the mother's own groups and age play no part.
 */
export function childJudge(criteria: ReferralCriteria, ctx: RankingContext): Judge | null {
  const ages = childrenOf(criteria, ctx.taxonomy);
  const children = CODES.children;
  if (ages.length === 0 || !ctx.taxonomy.targetGroups.get(children)) {
    return null;
  }
  const direct = judgeDirectly(ctx);
  return (row, c) => {
    for (const age of ages) {
      const e = direct(row, {
        ...c,
        targetGroupCodes: [children],
        age,
        accompanyingChildren: [],
        accompanyingBoys: null,
        childrenAtHome: [],
      });
      if (e) {
        return e;
      }
    }
    return null;
  };
}

/** Whether a need is about a child (see `CODES.childNeeds`). */
export function childNeed(code: string): boolean {
  const needs: readonly string[] = CODES.childNeeds;
  return needs.includes(code);
}

/** The candidates that meet a need at all (fully or partly): the few a child's step judges. */
export function meetingNeed(
  rows: readonly RankingRow[],
  code: string,
  ctx: RankingContext,
): RankingRow[] {
  const tax = ctx.taxonomy;
  const meeting = new Set([
    ...tax.needs.ancestorsAndSelf(code),
    ...tax.needs.descendantsAndSelf(code),
  ]);
  return rows.filter((row) => row.needCodes.some((c) => meeting.has(c)));
}
