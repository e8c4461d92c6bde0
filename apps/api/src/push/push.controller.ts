import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FaroConfig } from '@faro/config';
import { actorRef, type Principal } from '@faro/identity';
import { SqlPushSubscriptions, SqlVapidKeys } from '@faro/persistence';
import { checkPushSubscription, PushError } from '@faro/push';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiJson, ApiNoContent, ApiProblems } from '../openapi/api-docs.decorators';
import { CONFIG } from '../tokens';
import { pushSubscriptionBody, pushSubscriptionListSchema, pushSubscriptionSchema, vapidPublicKeySchema } from './push.schemas';

const subscriber = (p: Principal) => ({ userId: p.id, actor: actorRef(p), via: p.via });

// Browser notifications for operators and approvers: the key browsers subscribe with, and each
// user's own subscriptions. Sending is the worker's (push relay), never this request's.
@ApiTags('push')
@Controller('api/v1/push')
@Roles('operator', 'approver')
export class PushController {
  constructor(
    private readonly vapid: SqlVapidKeys,
    private readonly subscriptions: SqlPushSubscriptions,
    @Inject(CONFIG) private readonly config: FaroConfig,
  ) {}

  @Get('vapid-public-key')
  @ApiOperation({ summary: "The platform's VAPID public key, for PushManager.subscribe (made on first use)" })
  @ApiJson(200, vapidPublicKeySchema)
  async publicKey() {
    return { publicKey: await this.vapid.publicKey() };
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'Your browsers subscribed to notifications' })
  @ApiJson(200, pushSubscriptionListSchema)
  async list(@CurrentPrincipal() p: Principal) {
    return { items: await this.subscriptions.listFor(p.id) };
  }

  @Post('subscriptions')
  @HttpCode(201)
  @ApiOperation({ summary: "Subscribe this browser to notifications: alerts awaiting your decision (approvers), released, on air, failing, cancelled, in your territory" })
  @ApiJson(201, pushSubscriptionSchema)
  @ApiProblems(422)
  async subscribe(@Body({ schema: pushSubscriptionBody }) body: unknown, @CurrentPrincipal() p: Principal) {
    const parsed = pushSubscriptionBody.safeParse(body ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const path = i.code === 'unrecognized_keys' ? [...i.path, i.keys[0]] : i.path;
      const pointer = `/${path.map(String).join('/')}`;
      throw new PushError('push/invalid-subscription', `${path.join('.') || 'body'}: ${i.code === 'unrecognized_keys' ? 'this field may not be set' : i.message}`, pointer);
    }
    const s = checkPushSubscription({ endpoint: parsed.data.endpoint, ...parsed.data.keys }, { allowHttpLoopback: this.config.PUSH_ALLOW_HTTP_LOOPBACK });
    return this.subscriptions.save(subscriber(p), s);
  }

  @Delete('subscriptions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unsubscribe one of your browsers' })
  @ApiNoContent('Unsubscribed')
  async remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    if (!(await this.subscriptions.remove(subscriber(p), id))) throw new PushError('push/subscription-not-found', `You have no push subscription ${id}`);
  }
}
