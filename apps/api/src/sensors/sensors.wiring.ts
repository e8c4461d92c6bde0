import type { Provider, Type } from '@nestjs/common';
import { CreateIncident, ReleaseAlert, SubmitAlert, systemClock } from '@faro/alerts';
import { keyEncryptionFromConfig } from '@faro/broadcast-security';
import type { FaroConfig } from '@faro/config';
import { Database, SqlSensorStore } from '@faro/persistence';
import { AdmitWebhook, ReportSensorIncident } from '@faro/sensors';
import { CONFIG } from '../tokens';
import { AuditingApproverNotifier } from './approver-notifier';
import { SensorWebhookController } from './sensor-webhook.controller';
import { SensorsController } from './sensors.controller';

// What the sensors area adds to the API module.
export const sensorsControllers: Type<unknown>[] = [SensorWebhookController, SensorsController];
export const sensorsProviders: Provider[] = [
  {
    provide: SqlSensorStore,
    inject: [Database, CONFIG],
    useFactory: (ds: Database, c: FaroConfig) => new SqlSensorStore(ds, keyEncryptionFromConfig(c)),
  },
  { provide: AdmitWebhook, inject: [SqlSensorStore], useFactory: (s: SqlSensorStore) => new AdmitWebhook(s, s, systemClock) },
  {
    provide: ReportSensorIncident,
    inject: [CreateIncident, SubmitAlert, ReleaseAlert, SqlSensorStore],
    useFactory: (create: CreateIncident, submit: SubmitAlert, release: ReleaseAlert, s: SqlSensorStore) =>
      new ReportSensorIncident({ create, submit, release }, s, new AuditingApproverNotifier(s), systemClock),
  },
];
