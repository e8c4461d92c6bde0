import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { LOG_REDACT_PATHS, type FaroConfig } from '@faro/config';
import { checkJobHandlers, QUEUES, type QueueBackend } from '@faro/queue';
import { AuditCheckpointer } from './audit-checkpointer';
import { ExpirySweeper } from './expiry-sweeper';
import { FANOUT_HANDLER, FanoutProcessor } from './fanout.processor';
import { Heartbeat } from './heartbeat';
import { OutboxRelay } from './outbox-relay';
import { PUSH_HANDLER, PushProcessor } from './push.processor';
import { PushRelay } from './push-relay';
import { REPORT_HANDLER, ReportProcessor } from './report.processor';
import { ReportRelay } from './report-relay';
import { KeyRotationScheduler } from './key-rotation-scheduler';
import { keyRotationTasksProvider } from './key-rotation-tasks';
import { UplinkLiveness } from './uplink-liveness';
import { UPLINK_HANDLER, UplinkProcessor } from './uplink.processor';
import { CONFIG, QUEUE_BACKEND } from './tokens';
import { workerProviders } from './worker.providers';

@Module({})
export class WorkerModule {
  static forRoot(config: FaroConfig, backend: QueueBackend): DynamicModule {
    // Every job name has exactly one processor, or the worker does not start.
    checkJobHandlers([FANOUT_HANDLER, UPLINK_HANDLER, PUSH_HANDLER, REPORT_HANDLER].map((h) => ({ processor: h.name, queue: h.queue, handles: h.handles })));
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: config.LOG_LEVEL, redact: [...LOG_REDACT_PATHS] } }),
        BullModule.forRoot({ connection: backend.connection as never, ...(backend.kind === 'redis' ? { prefix: backend.prefix } : {}) }),
        BullModule.registerQueue({ name: QUEUES.fanout }, { name: QUEUES.uplink }, { name: QUEUES.push }, { name: QUEUES.reports }),
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: QUEUE_BACKEND, useValue: backend },
        ...workerProviders,
        FanoutProcessor,
        UplinkProcessor,
        OutboxRelay,
        PushProcessor,
        PushRelay,
        ReportProcessor,
        ReportRelay,
        ExpirySweeper,
        AuditCheckpointer,
        Heartbeat,
        UplinkLiveness,
        keyRotationTasksProvider,
        KeyRotationScheduler,
      ],
    };
  }
}
