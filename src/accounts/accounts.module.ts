import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokenResolver, MeResolver } from './accounts.resolver';
import { AccountsService } from './accounts.service';
import { ApiTokenRepository } from './api-token.repository';
import { AuthGuard } from './auth.guard';
import { AuthAttemptRepository } from './auth-attempt.repository';
import { AuthThrottle, DEFAULT_THROTTLE } from './auth-throttle';

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
    MeResolver,
    ApiTokenResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccountsService, ApiTokenRepository],
})
export class AccountsModule {}
