import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { LOG_REDACT_PATHS, type FaroConfig } from '@faro/config';
import { AlertDetailController } from './alerts/alert-detail.controller';
import { AlertKillsController } from './alerts/alert-kills.controller';
import { AlertsController } from './alerts/alerts.controller';
import { audiencesControllers, audiencesProviders } from './audiences/audiences.wiring';
import { auditControllers, auditProviders } from './audit/audit.wiring';
import { authControllers, authProviders } from './auth/auth.wiring';
import { CellsController } from './cells/cells.controller';
import { consoleControllers, consoleProviders } from './console/console.wiring';
import { databaseProviders } from './database.providers';
import { HealthController } from './health/health.controller';
import { DeferredBodyErrorInterceptor } from './http/deferred-body-error';
import { ProblemFilter } from './http/problem.filter';
import { DraftsController } from './drafts/drafts.controller';
import { SavedAreasController } from './saved-areas/saved-areas.controller';
import { IncidentsController } from './incidents/incidents.controller';
import { pushControllers, pushProviders } from './push/push.wiring';
import { reportsControllers, reportsProviders } from './reports/reports.wiring';
import { keysControllers, keysProviders } from './keys/keys.wiring';
import { sensorsControllers, sensorsProviders } from './sensors/sensors.wiring';
import { CONFIG } from './tokens';
import { alertsProviders } from './alerts/alerts.wiring';
import { publicFeedControllers, publicFeedProviders } from './public-feed/public-feed.wiring';
import { metricsControllers, metricsProviders } from './metrics/metrics.wiring';

// One module for the API process, built from plain lists.
@Module({})
export class AppModule {
  static forRoot(config: FaroConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            // Secrets never reach a log: credentials in headers and fields named for a secret are dropped.
            redact: [...LOG_REDACT_PATHS],
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          },
        }),
        TerminusModule,
        // Only the public feed's controller applies it (ThrottlerGuard there): per client address, in memory.
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.PUBLIC_FEED_RATE_LIMIT }]),
      ],
      controllers: [IncidentsController, DraftsController, SavedAreasController, ...consoleControllers, AlertsController, AlertKillsController, AlertDetailController, CellsController, ...keysControllers, HealthController, ...authControllers, ...sensorsControllers, ...auditControllers, ...audiencesControllers, ...pushControllers, ...reportsControllers, ...publicFeedControllers, ...metricsControllers],
      providers: [
        { provide: CONFIG, useValue: config },
        ...databaseProviders,
        ...alertsProviders,
        ...authProviders,
        ...sensorsProviders,
        ...auditProviders,
        ...keysProviders,
        ...audiencesProviders,
        ...pushProviders,
        ...consoleProviders,
        ...reportsProviders,
        ...publicFeedProviders,
        ...metricsProviders,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: DeferredBodyErrorInterceptor },
      ],
    };
  }
}
