import type { Provider, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { systemClock } from '@faro/alerts';
import { keyEncryptionFromConfig } from '@faro/broadcast-security';
import type { FaroConfig } from '@faro/config';
import { Authenticate, ChangeUser, CreateUser, EnrollTotp, IssueApiToken, Login, Logout, RevokeApiToken } from '@faro/identity';
import { Database, SqlApiTokenStore, SqlSessionStore, SqlUserStore } from '@faro/persistence';
import { CONFIG } from '../tokens';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { TokensController } from './tokens.controller';
import { UsersController } from './users.controller';

// What the auth area adds to the API module.
export const authControllers: Type<unknown>[] = [AuthController, UsersController, TokensController];
export const authProviders: Provider[] = [
  {
    provide: SqlUserStore,
    inject: [Database, CONFIG],
    useFactory: (ds: Database, c: FaroConfig) => new SqlUserStore(ds, keyEncryptionFromConfig(c)),
  },
  { provide: SqlSessionStore, inject: [Database], useFactory: (ds: Database) => new SqlSessionStore(ds) },
  { provide: SqlApiTokenStore, inject: [Database], useFactory: (ds: Database) => new SqlApiTokenStore(ds) },
  { provide: Login, inject: [SqlUserStore], useFactory: (u: SqlUserStore) => new Login(u, systemClock) },
  { provide: Logout, inject: [SqlSessionStore], useFactory: (s: SqlSessionStore) => new Logout(s, systemClock) },
  {
    provide: Authenticate,
    inject: [SqlSessionStore, SqlApiTokenStore],
    useFactory: (s: SqlSessionStore, t: SqlApiTokenStore) => new Authenticate(s, t, systemClock),
  },
  { provide: CreateUser, inject: [SqlUserStore], useFactory: (u: SqlUserStore) => new CreateUser(u, systemClock) },
  { provide: ChangeUser, inject: [SqlUserStore], useFactory: (u: SqlUserStore) => new ChangeUser(u, systemClock) },
  { provide: EnrollTotp, inject: [SqlUserStore], useFactory: (u: SqlUserStore) => new EnrollTotp(u, systemClock) },
  { provide: IssueApiToken, inject: [SqlApiTokenStore], useFactory: (t: SqlApiTokenStore) => new IssueApiToken(t, systemClock) },
  { provide: RevokeApiToken, inject: [SqlApiTokenStore], useFactory: (t: SqlApiTokenStore) => new RevokeApiToken(t, systemClock) },
  { provide: APP_GUARD, useClass: AuthGuard },
];
