import type { Provider, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { kekAnchoredCheckpointKeys, VerifyAuditTrail } from '@faro/audit';
import { keyEncryptionFromConfig } from '@faro/broadcast-security';
import type { FaroConfig } from '@faro/config';
import { SqlAuditLog, SqlAuditTrail, SqlSigningKeyRecords } from '@faro/persistence';
import { CONFIG } from '../tokens';
import { AuditController } from './audit.controller';

// What the audit area adds to the API module.
export const auditControllers: Type<unknown>[] = [AuditController];
export const auditProviders: Provider[] = [
  { provide: SqlAuditTrail, inject: [DataSource], useFactory: (ds: DataSource) => new SqlAuditTrail(ds) },
  {
    provide: VerifyAuditTrail,
    inject: [DataSource, CONFIG],
    // The KEK anchors the checkpoint keys: see kekAnchoredCheckpointKeys.
    useFactory: (ds: DataSource, c: FaroConfig) => new VerifyAuditTrail(new SqlAuditLog(ds), kekAnchoredCheckpointKeys(new SqlSigningKeyRecords(ds), keyEncryptionFromConfig(c))),
  },
];
