import type { Provider, Type } from '@nestjs/common';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { systemClock } from '@faro/identity';
import { RotateGatewayKey, RotateSigningKey } from '@faro/keys';
import { Database, SqlKeyStore } from '@faro/persistence';
import { KEK } from '../tokens';
import { GatewayKeysController } from './gateway-keys.controller';
import { KeysController } from './keys.controller';
import { SigningKeyRotationController } from './signing-key-rotation.controller';

// What the key area adds to the API module: the JWKS and the on-demand rotations.
export const keysControllers: Type<unknown>[] = [KeysController, SigningKeyRotationController, GatewayKeysController];
export const keysProviders: Provider[] = [
  { provide: SqlKeyStore, inject: [Database], useFactory: (ds: Database) => new SqlKeyStore(ds) },
  { provide: RotateSigningKey, inject: [SqlKeyStore, KEK], useFactory: (s: SqlKeyStore, kek: KeyEncryptionPort) => new RotateSigningKey(s, kek, systemClock) },
  { provide: RotateGatewayKey, inject: [SqlKeyStore, KEK], useFactory: (s: SqlKeyStore, kek: KeyEncryptionPort) => new RotateGatewayKey(s, kek, systemClock) },
];
