import { Args, Query, Resolver } from '@nestjs/graphql';
import { ReferralArgs } from './dto/referral.input';
import { Referral, ReferralPlan } from './models/referral.model';
import { ReferralService } from './referral.service';

@Resolver(() => Referral)
export class ReferralResolver {
  constructor(private readonly referrals: ReferralService) {}

  @Query(() => Referral, {
    description:
      'Where should this person be referred? Ranked options with reasons and next steps, options per need, needs not met nearby, and guidance.',
  })
  referral(@Args() { input, language }: ReferralArgs): Promise<Referral> {
    return this.referrals.refer(input, language);
  }

  @Query(() => ReferralPlan, {
    description:
      'The referral answer for now, and what usually follows, phase by phase: each step’s options matched and ranked like the referral’s, declared onward referrals first, alternatives when an option is full.',
  })
  referralPlan(@Args() { input, language }: ReferralArgs): Promise<ReferralPlan> {
    return this.referrals.plan(input, language);
  }
}
