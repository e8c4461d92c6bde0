import type { Provider, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { SqlPushSubscriptions, SqlVapidKeys } from '@faro/persistence';
import { KEK } from '../tokens';
import { PushController } from './push.controller';

// What the web-push area adds to the API module.
export const pushControllers: Type<unknown>[] = [PushController];
export const pushProviders: Provider[] = [
  { provide: SqlVapidKeys, inject: [DataSource, KEK], useFactory: (ds: DataSource, k: KeyEncryptionPort) => new SqlVapidKeys(ds, k) },
  { provide: SqlPushSubscriptions, inject: [DataSource], useFactory: (ds: DataSource) => new SqlPushSubscriptions(ds) },
];
