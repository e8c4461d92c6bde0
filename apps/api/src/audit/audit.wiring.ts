import type { Provider, Type } from '@nestjs/common';
import { kekAnchoredCheckpointKeys, VerifyAuditTrail } from '@faro/audit';
import { keyEncryptionFromConfig } from '@faro/broadcast-security';
import type { FaroConfig } from '@faro/config';
import { Database, sealPendingAudit, SqlAuditLog, SqlAuditTrail, SqlSigningKeyRecords } from '@faro/persistence';
import { CONFIG } from '../tokens';
import { AuditController } from './audit.controller';

// What the audit area adds to the API module.
export const auditControllers: Type<unknown>[] = [AuditController];
export const auditProviders: Provider[] = [
  { provide: SqlAuditTrail, inject: [Database], useFactory: (ds: Database) => new SqlAuditTrail(ds) },
  {
    provide: VerifyAuditTrail,
    inject: [Database, CONFIG],
    // The KEK anchors the checkpoint keys: see kekAnchoredCheckpointKeys.
    useFactory: (ds: Database, c: FaroConfig) => new VerifyAuditTrail(new SqlAuditLog(ds), kekAnchoredCheckpointKeys(new SqlSigningKeyRecords(ds), keyEncryptionFromConfig(c)), { drain: () => sealPendingAudit(ds) }),
  },
];
