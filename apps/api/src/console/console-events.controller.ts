import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AlertError } from '@faro/alerts';
import type { Principal } from '@faro/identity';
import { SqlAlertStore, SqlAlertViews, SqlConsoleViews, SqlSessionStore } from '@faro/persistence';
import { alertView } from '../alerts/alert-view';
import { authenticationOf, type AuthenticatedRequest } from '../auth/authenticated-request';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { parseQuery } from '../http/parse-query';
import { ApiEventStream } from '../openapi/api-docs.decorators';
import { consoleEventSchema, eventsQuery } from './console-events.schemas';
import { dashboardSnapshot } from './dashboard-snapshot';
import { SharedSnapshots } from './shared-snapshots';

// How often the stream looks for a change, and how long one stream lives: the browser's
// EventSource reconnects by itself, and each reconnection passes the auth guard again. A session
// is also checked on every tick, so one logged out, expired or whose user was disabled stops
// receiving within a second (an API token's stream within STREAM_MAX_MS).
export const TICK_MS = 1000;
const STREAM_MAX_MS = 5 * 60_000;
const KEEPALIVE_MS = 15_000;
const RETRY_MS = 2000;

@ApiTags('console')
@Controller('api/v1/events')
export class ConsoleEventsController {
  constructor(
    private readonly store: SqlAlertStore,
    private readonly views: SqlAlertViews,
    private readonly consoleViews: SqlConsoleViews,
    private readonly sessions: SqlSessionStore,
    // Every stream of one territory (and of one watched alert) shares one read per tick.
    private readonly shared: SharedSnapshots,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Server-sent events for the console: event `dashboard` (alerts, sensor incidents, gateways, queue depth of your territory), and with ?alert= event `alert`',
    description: `text/event-stream. Each event is sent on connecting and again whenever its data changes (checked every ${TICK_MS / 1000} s). The stream ends after ${STREAM_MAX_MS / 60_000} minutes; EventSource reconnects (retry ${RETRY_MS} ms) and is authenticated again. Also: event "unavailable" (PostgreSQL cannot be read; the stream keeps trying) and "session-ended" (the session was logged out, expired or its user disabled; the stream ends).`,
  })
  @ApiEventStream(consoleEventSchema)
  async events(@Query({ schema: eventsQuery }) query: Record<string, string>, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const q = parseQuery(eventsQuery, query);
    const auth = authenticationOf(req);
    const sessionEnded = async () => {
      if (auth.method !== 'session') return false;
      const s = await this.sessions.findActive(auth.sessionTokenHash, new Date());
      return !s || s.user.disabled;
    };
    // Another territory's alert is refused before the stream starts, as a 404 problem.
    if (q.alert && !(await this.store.findVisibleAlert(q.alert, principal.jurisdictionId))) throw new AlertError('alert/not-found', `No alert ${q.alert}`);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    raw.write(`retry: ${RETRY_MS}\n\n`);
    const sent = new Map<string, string>();
    const send = (event: string, data: object, fingerprint: string) => {
      if (sent.get(event) === fingerprint) return;
      sent.set(event, fingerprint);
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const until = Date.now() + STREAM_MAX_MS;
    let lastWrite = Date.now();
    const tick = async () => {
      try {
        if (await sessionEnded()) {
          // The console then asks who it is, gets a 401 and shows the sign-in page.
          raw.end(`event: session-ended\ndata: {}\n\n`);
          return;
        }
        const jurisdictionId = principal.jurisdictionId;
        const dashboard = await this.shared.get(`dashboard:${jurisdictionId}`, () => dashboardSnapshot({ store: this.store, views: this.views, console: this.consoleViews }, jurisdictionId));
        if (closed) return;
        const before = sent.get('dashboard');
        send('dashboard', { at: new Date().toISOString(), ...dashboard }, JSON.stringify(dashboard));
        if (q.alert) {
          const id = q.alert;
          const view = await this.shared.get(`alert:${jurisdictionId}:${id}`, () => this.alertEvent(id, jurisdictionId));
          if (view && !closed) send('alert', view, JSON.stringify(view));
        }
        if (sent.get('dashboard') !== before) lastWrite = Date.now();
        if (Date.now() - lastWrite > KEEPALIVE_MS) {
          raw.write(': keep-alive\n\n');
          lastWrite = Date.now();
        }
      } catch (e) {
        // PostgreSQL away: say so on the stream and keep trying; the console shows it is not live.
        if (!closed) raw.write(`event: unavailable\ndata: ${JSON.stringify({ message: (e as Error).message })}\n\n`);
      }
      if (closed) return;
      if (Date.now() >= until) {
        raw.end();
        return;
      }
      timer = setTimeout(() => void tick(), TICK_MS);
    };
    raw.on('close', () => {
      closed = true;
      clearTimeout(timer);
    });
    req.log.debug({ alert: q.alert }, 'console event stream opened');
    await tick();
  }

  // The alert as the detail page shows it, or null once it is no longer visible from there.
  private async alertEvent(id: string, jurisdictionId: string) {
    const alert = await this.store.findVisibleAlert(id, jurisdictionId);
    if (!alert) return null;
    const [drafter] = await this.consoleViews.actorNames([alert.draftedBy]);
    return { ...alertView(alert, await this.views.deliveryProgress(alert.id)), drafter: { ref: alert.draftedBy, name: drafter?.name ?? null } };
  }
}
