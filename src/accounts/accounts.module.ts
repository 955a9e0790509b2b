import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokenResolver, MeResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';
import { ApiTokenRepository } from './api-token.repository';
import { AuthGuard } from './auth.guard';
import { AuthAttemptRepository } from './auth-attempt.repository';
import { AuthThrottle, DEFAULT_THROTTLE } from './auth-throttle';
import { PrivateDetailsRepository } from './private-details.repository';
import { PrivateDetailsService } from './private-details.service';

@Module({
  providers: [
    ApiTokenRepository,
    AuthAttemptRepository,
    {
      provide: AuthThrottle,
      inject: [AuthAttemptRepository],
      useFactory: (attempts: AuthAttemptRepository) => new AuthThrottle(attempts, DEFAULT_THROTTLE),
    },
    AccountsService,
    PrivateDetailsRepository,
    PrivateDetailsService,
    MeResolver,
    ApiTokenResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccountsService, ApiTokenRepository, PrivateDetailsService],
})
export class AccountsModule {}
