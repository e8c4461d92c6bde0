import { Client } from 'pg';
import { startPlatform, type Platform } from './platform';
import { grantToken, type TestUser } from './principals';

export interface TeamPlatform {
  platform: Platform;
  db: Client;
  // Two people of one jurisdiction: one drafts, the other releases.
  operator: TestUser;
  approver: TestUser;
}

// A platform for one describe block, a direct connection to its database and a drafting and a
// releasing person of the jurisdiction; started in beforeAll, stopped in afterAll.
export function useTeamPlatform(jurisdictionId: string, overrides: Record<string, string> = {}): TeamPlatform {
  const team = {} as TeamPlatform;
  beforeAll(async () => {
    team.platform = await startPlatform(overrides);
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
