import type { Provider, Type } from '@nestjs/common';
import { PublicCapFeed, systemClock } from '@faro/alerts';
import { Database, SqlPublicFeed } from '@faro/persistence';
import { PublicCapFeedController } from './public-cap-feed.controller';

// What the public CAP feed adds to the API module (its rate limit: ThrottlerModule in app.module.ts).
export const publicFeedControllers: Type<unknown>[] = [PublicCapFeedController];
export const publicFeedProviders: Provider[] = [
  { provide: SqlPublicFeed, inject: [Database], useFactory: (ds: Database) => new SqlPublicFeed(ds) },
  { provide: PublicCapFeed, inject: [SqlPublicFeed], useFactory: (s: SqlPublicFeed) => new PublicCapFeed(s, systemClock) },
];
