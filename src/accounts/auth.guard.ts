import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { GqlContext, Viewer } from '../common/request-context';
import { AccountsService } from './accounts.service';

/**
 * Global guard: before any top-level query or mutation, reads the caller's token once per
 * request (memoised on the request's context, so parallel root fields share one lookup and one
 * failure count) and puts the viewer in `ctx.viewer`. Field resolvers run after their root
 * field, so they always see the authenticated viewer; until then it is PUBLIC (fail-safe).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly pending = new WeakMap<GqlContext, Promise<Viewer>>();

  constructor(private readonly accounts: AccountsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') {
      return true;
    }
    const ctx = GqlExecutionContext.create(context).getContext<GqlContext>();
    let viewer = this.pending.get(ctx);
    if (!viewer) {
      viewer = this.accounts.authenticate(ctx.req);
      this.pending.set(ctx, viewer);
    }
    ctx.viewer = await viewer;
    return true;
  }
}
