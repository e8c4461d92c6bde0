import { Client } from 'pg';
import { startPlatform, type Platform } from './platform';
import { sharedPlatform } from './shared-platform';
import { grantToken, type TestUser } from './principals';

export interface TeamPlatform {
  platform: Platform;
  db: Client;
  // Two people of one jurisdiction: one drafts, the other releases.
  operator: TestUser;
  approver: TestUser;
}

// A platform for one describe block, a direct connection to its database and a drafting and a
// releasing person of the jurisdiction. With no overrides it is the shared platform
// (shared-platform.ts); with overrides, one of its own, started in beforeAll and stopped in afterAll.
export function useTeamPlatform(jurisdictionId: string, overrides: Record<string, string> = {}): TeamPlatform {
  return teamOn(jurisdictionId, () => (Object.keys(overrides).length === 0 ? sharedPlatform() : startPlatform(overrides)));
}

// The same on a platform of its own even with the default settings: for a spec that measures the
// platform (latency under load), which other files' leftover work on the shared one would disturb.
export function useOwnTeamPlatform(jurisdictionId: string, overrides: Record<string, string> = {}): TeamPlatform {
  return teamOn(jurisdictionId, () => startPlatform(overrides));
}

function teamOn(jurisdictionId: string, start: () => Promise<Platform>): TeamPlatform {
  const team = {} as TeamPlatform;
  beforeAll(async () => {
    team.platform = await start();
    team.db = new Client({ connectionString: team.platform.databaseUrl });
    await team.db.connect();
    team.operator = await grantToken(team.platform.databaseUrl, ['operator'], jurisdictionId);
    team.approver = await grantToken(team.platform.databaseUrl, ['approver'], jurisdictionId);
  });
  afterAll(async () => {
    await team.db?.end();
    await team.platform?.stop();
  });
  return team;
}
