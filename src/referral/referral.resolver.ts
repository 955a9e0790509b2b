import { Args, Query, Resolver } from '@nestjs/graphql';
import { ReferralArgs } from './dto/referral.input';
import { Referral } from './models/referral.model';
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
}
