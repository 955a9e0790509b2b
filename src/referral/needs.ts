import { RankingRow } from '../catalogue/service-row';
import { Taxonomy } from '../taxonomy/taxonomy';
import { CODES, followUpContext, RankingContext, ReferralCriteria } from './criteria';

/** The rule of needs: which requested needs a service meets, fully or partly, and what a stay is. */

/** How a service meets one requested need: fully (partlyVia null) or partly by narrower needs. */
export interface NeedMatch {
  code: string;
  partlyVia: string[] | null;
}

/**
 * Requested needs the service meets: fully when it meets the need or a broader one, partly when
 * it meets only narrower ones (a request for legal-advice is partly met by divorce).
 */
export function matchNeeds(
  service: RankingRow,
  requested: readonly string[],
  tax: Taxonomy,
): NeedMatch[] {
  const met = new Set(service.needCodes);
  const out: NeedMatch[] = [];
  for (const code of requested) {
    const { up, down } = tax.needs.line(code);
    if (up.some((c) => met.has(c))) {
      out.push({ code, partlyVia: null });
      continue;
    }
    const via = down.filter((c) => c !== code && met.has(c));
    if (via.length > 0) {
      out.push({ code, partlyVia: via.sort() });
    }
  }
  return out;
}

/** The needs that make a service a stay: safety and everything narrower. */
export function stayNeeds(tax: Taxonomy): ReadonlySet<string> {
  return tax.needs.subtree(CODES.safety);
}

/** A service offering a stay (any safety need): where children "come along" and places count. */
export function offersStay(service: RankingRow, tax: Taxonomy): boolean {
  const safety = stayNeeds(tax);
  return service.needCodes.some((c) => safety.has(c));
}

/** The referral chain's next needs (conditions applied), and any later steps a plan adds. */
export function nextNeeds(
  criteria: Pick<ReferralCriteria, 'needCodes' | 'languages'>,
  ctx: Pick<RankingContext, 'taxonomy'>,
  laterNeeds: readonly string[],
): string[] {
  const next = ctx.taxonomy
    .followUps(criteria.needCodes, followUpContext(criteria))
    .map((f) => f.code);
  return [...new Set([...next, ...laterNeeds])];
}
