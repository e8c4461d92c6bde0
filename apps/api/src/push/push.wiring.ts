import type { Provider, Type } from '@nestjs/common';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { Database, SqlPushSubscriptions, SqlVapidKeys } from '@faro/persistence';
import { KEK } from '../tokens';
import { PushController } from './push.controller';

// What the web-push area adds to the API module.
export const pushControllers: Type<unknown>[] = [PushController];
export const pushProviders: Provider[] = [
  { provide: SqlVapidKeys, inject: [Database, KEK], useFactory: (ds: Database, k: KeyEncryptionPort) => new SqlVapidKeys(ds, k) },
  { provide: SqlPushSubscriptions, inject: [Database], useFactory: (ds: Database) => new SqlPushSubscriptions(ds) },
];
