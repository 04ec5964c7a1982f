import type {
  APIApplication,
  APIUser,
  RESTGetAPIGatewayBotResult,
  RESTGetAPIGatewayResult,
} from 'discord-api-types/v10';
import { ok, type RestRouter } from '../rest-router.js';
import type { RouteContext } from './route-context.js';

/** `/gateway`, `/gateway/bot`, `/users/@me`, `/users/:id`, `/applications/@me`. */
export function registerGatewayRoutes(router: RestRouter, ctx: RouteContext): void {
  router.on('GET', '/gateway', () => ok({ url: ctx.gatewayUrl() } satisfies RESTGetAPIGatewayResult));
  router.on('GET', '/gateway/bot', () =>
    ok({
      url: ctx.gatewayUrl(),
      shards: ctx.recommendedShards,
      session_start_limit: {
        total: 1000,
        remaining: 1000,
        reset_after: 86_400_000,
        max_concurrency: ctx.maxConcurrency,
      },
    } satisfies RESTGetAPIGatewayBotResult),
  );
  router.on('GET', '/users/@me', () =>
    ok({ ...ctx.world.botUser, verified: true, mfa_enabled: false } satisfies APIUser),
  );
  router.on('GET', '/users/:userId', (req) => ok(ctx.world.user(req.params.userId!)));
  router.on('GET', '/applications/@me', () =>
    ok({
      id: ctx.world.applicationId,
      name: ctx.world.botUser.username,
      icon: null,
      description: 'Simulated application',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      team: null,
      flags: 0,
      bot: ctx.world.botUser,
      summary: '',
    } as unknown as APIApplication),
  );
}
