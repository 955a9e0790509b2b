import { Service } from '../catalogue/models/service.model';
import { Need, TargetGroup } from '../taxonomy/models/taxonomy.models';
import { RankingContext, ReferralCriteria } from './criteria';
import { Evaluated, Ranked } from './evaluation';
import { guidanceFor } from './guidance';
import {
  MunicipalService,
  MunicipalServiceKind,
  Referral,
  ReferralOption,
} from './models/referral.model';
import { scoreOf } from './order';
import { declaredReason, nextStepsFor, phrasesFor, reasonsFor } from './reasons';
import { Chosen, ReferralSelection } from './selection';

/*
 * Rendering: a selection made on light rows becomes the answer once the services it returns are
 * loaded whole; texts are built only for those.
 */

/**
 * Renders chosen options once their services are loaded whole: texts in `ctx.language` for the
 * needs each was chosen for, the declared onward referral that put it there said first, and its
 * alternatives when it is full. A service gone since it was ranked is left out.
 */
export function optionRenderer(
  services: ReadonlyMap<string, Service>,
  criteria: ReferralCriteria,
  ctx: RankingContext,
): (chosen: Chosen, needsFor?: ReferralCriteria) => ReferralOption[] {
  const tax = ctx.taxonomy;
  const needNode = (code: string): Need[] => {
    const node = tax.needs.get(code);
    return node ? [node] : [];
  };
  const groupNode = (code: string): TargetGroup[] => {
    const node = tax.targetGroups.get(code);
    return node ? [node] : [];
  };
  const optionOf = new Map<Ranked, ReferralOption>();
  const render = (chosen: Chosen, listNeeds?: ReferralCriteria): ReferralOption[] => {
    const { option: light, rank } = chosen;
    const needsFor = chosen.needsFor ?? listNeeds ?? criteria;
    const cacheable = needsFor === criteria && !chosen.declaredBy;
    const cached = cacheable ? optionOf.get(light) : undefined;
    if (cached) {
      return [{ ...cached, rank }];
    }
    const service = services.get(light.service.id);
    if (!service) {
      return [];
    }
    // a secret address shows its municipality, never a distance that points at it
    const e: Evaluated = {
      ...light,
      service,
      distanceKm: service.addressConfidential ? null : light.distanceKm,
    };
    const option: ReferralOption = {
      rank,
      score: scoreOf(e),
      service,
      matchedNeeds: e.needs.flatMap((m) => needNode(m.code)),
      matchedTargetGroups: e.groupCodes.flatMap(groupNode),
      coverage: e.coverage,
      distanceKm: e.distanceKm,
      availability: e.availability,
      reasons: [
        ...(chosen.declaredBy ? [declaredReason(chosen.declaredBy, ctx.language)] : []),
        ...reasonsFor(e, needsFor, ctx),
      ],
      nextSteps: nextStepsFor(e, needsFor, ctx),
      ifFull: chosen.ifFull.flatMap((alternative) => render(alternative)),
    };
    if (cacheable) {
      optionOf.set(light, option);
    }
    return [option];
  };
  return render;
}

/** The person's own municipality as the answer of a need it meets by law (null without one). */
export function municipalServiceOf(
  kind: MunicipalServiceKind | null,
  criteria: ReferralCriteria,
  ctx: RankingContext,
): MunicipalService | null {
  const municipality = criteria.place?.municipality;
  if (!kind || !municipality) {
    return null;
  }
  const p = phrasesFor(ctx.language);
  return { municipality, kind, text: p.municipalService(municipality, kind) };
}

/**
 * The answer from a selection and the chosen services loaded whole (by id): texts are built only
 * for the options returned. A service gone since it was ranked (archived in between) is left out.
 */
export function renderReferral(
  selection: ReferralSelection,
  services: ReadonlyMap<string, Service>,
  criteria: ReferralCriteria,
  ctx: RankingContext,
): Omit<Referral, 'municipality'> {
  const tax = ctx.taxonomy;
  const needNode = (code: string): Need[] => {
    const node = tax.needs.get(code);
    return node ? [node] : [];
  };
  const toOption = optionRenderer(services, criteria, ctx);

  return {
    options: selection.options.flatMap((p) => toOption(p)),
    byNeed: selection.byNeed.flatMap(({ code, options }) =>
      needNode(code).map((need) => ({
        need,
        options: options.flatMap((p) => toOption(p)),
      })),
    ),
    unmetNeeds: selection.unmetNeeds.flatMap(({ code, nearest }) =>
      needNode(code).map((need) => ({
        need,
        nearest: nearest ? (toOption(nearest)[0] ?? null) : null,
      })),
    ),
    followUps: selection.followUps.map(({ code, after, options, municipal }) => {
      const next: ReferralCriteria = { ...criteria, needCodes: [code] };
      return {
        need: needNode(code)[0],
        after: after.flatMap(needNode),
        options: options.flatMap((p) => toOption(p, next)),
        municipalService: municipalServiceOf(municipal, criteria, ctx),
      };
    }),
    guidance: guidanceFor(criteria, selection, ctx),
  };
}
