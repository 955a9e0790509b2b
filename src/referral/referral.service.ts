import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Geography } from '../geography/geography';
import { GeographyService } from '../geography/geography.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { candidateCodes, needsBeyondArea, ReferralArea, ReferralCandidates } from './candidates';
import { referralCriteria, ReferralPlace } from './criteria';
import { ReferralInput } from './dto/referral.input';
import { Evaluations } from './evaluations';
import { Language, Referral, ReferralPlan } from './models/referral.model';
import {
  declaredToLoad,
  planChain,
  planPicks,
  renderPlan,
  selectPlan,
  stepCriteria,
} from './referral-plan';
import { optionRenderer, renderReferral } from './rendering';
import { selectedIds } from './selection';

/** The person's area: their region and all its municipalities; without a place, none. */
function areaOf(place: ReferralPlace | null, geo: Geography): ReferralArea {
  return place
    ? {
        regionCode: place.region.code,
        municipalityCodes: geo.municipalitiesIn(place.region.code).map((m) => m.code),
      }
    : { regionCode: null, municipalityCodes: [] };
}

/**
 * The referral engine. Inputs describe needs, not a person: they are never logged or stored.
 * A referral or a plan passes through each stage once, in the order of `answer`: criteria
 * (criteria.ts), the candidates (candidates.ts), the request's evaluations by the rules
 * (evaluations.ts over groups, needs, eligibility, place; ordered by order.ts), the selection
 * (selection.ts, referral-plan.ts), then rendering with texts in the caller's language
 * (rendering.ts, reasons.ts) and guidance (guidance.ts).
 */
@Injectable()
export class ReferralService {
  constructor(
    private readonly candidates: ReferralCandidates,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Validates the request, reads the candidates of the person's area as light rows (and, only
   * for needs the area cannot meet or declared alternatives it does not hold, the candidates
   * beyond it) from the services cached at the current catalogue stamp (one small read brings
   * them up to date: the referral's only round trip), ranks them in memory, then maps whole, from
   * the same snapshot, only the services the answer returns: options (with alternatives when
   * full), options per need, needs not met in the area, next steps, and guidance, in `language`.
   */
  async refer(input: ReferralInput, language: Language, now = new Date()): Promise<Referral> {
    return (await this.answer(input, language, false, now)).referral;
  }

  /**
   * The referral answer for now and the steps that follow, phase by phase, in the same reads:
   * the plan's needs join the candidate query, declared onward referrals join the read beyond
   * the area, and the returned services come whole from the same snapshot as the answer's.
   */
  async plan(input: ReferralInput, language: Language, now = new Date()): Promise<ReferralPlan> {
    return this.answer(input, language, true, now);
  }

  private async answer(
    input: ReferralInput,
    language: Language,
    withPlan: boolean,
    now: Date,
  ): Promise<ReferralPlan> {
    const [tax, geo] = await Promise.all([this.taxonomy.get(), this.geography.get()]);
    const criteria = referralCriteria(input, tax, geo);
    const ctx = {
      taxonomy: tax,
      geography: geo,
      now,
      availabilityFreshHours: this.config.availabilityFreshHours,
      language,
      listingConfirmDays: this.config.listingConfirmDays,
      keepAwayKm: this.config.keepAwayKm,
    };
    const later = withPlan ? planChain(criteria, ctx).map((c) => c.code) : [];
    const forWhom = withPlan ? stepCriteria(criteria, ctx) : criteria;
    const codes = candidateCodes(forWhom, ctx, later);
    const area = areaOf(criteria.place, geo);
    const read = await this.candidates.open();
    const inArea = read.findInArea(area, codes.targetGroupCodes, codes.needCodes);
    const evaluations = new Evaluations();
    // the plan's steps have evaluations of their own (one Evaluations answers for one set of
    // criteria); their table is read again when the steps are selected
    const stepEvaluations = new Evaluations();
    const stepBase = { ...forWhom, needCodes: later };
    const beyond = tax.needs.expandForMatch([
      ...needsBeyondArea(inArea, criteria, ctx, evaluations),
      ...(withPlan ? needsBeyondArea(inArea, stepBase, ctx, stepEvaluations) : []),
    ]);
    const declared = declaredToLoad(inArea, withPlan, ctx);
    const outside =
      declared.declaredIds.length > 0 || declared.followFromIds.length > 0
        ? read.findBeyondAreaAndDeclared(area, codes.targetGroupCodes, beyond, declared)
        : beyond.length > 0
          ? read.findBeyondArea(area, codes.targetGroupCodes, beyond)
          : [];
    const found = new Set(inArea.map((row) => row.id));
    const candidates = [...inArea, ...outside.filter((row) => !found.has(row.id))];
    const selection = evaluations.select(candidates, criteria, ctx);
    const plan = withPlan
      ? selectPlan(
          candidates,
          criteria,
          selection,
          ctx,
          evaluations,
          stepEvaluations.tableOf(stepBase, ctx),
        )
      : { phases: [] };
    // whole, from the same snapshot the candidates came from: no second round trip
    const services = read.services(selectedIds(selection, planPicks(plan)));
    const loaded = new Map(services.map((s) => [s.id, s]));
    return {
      referral: {
        ...renderReferral(selection, loaded, criteria, ctx),
        municipality: criteria.place?.municipality ?? null,
      },
      phases: renderPlan(plan, optionRenderer(loaded, criteria, ctx), criteria, ctx),
    };
  }
}
