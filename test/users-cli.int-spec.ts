import { totpCode } from '@faro/identity';
import { callApi } from './auth-client';
import { printed, runFaro } from './faro-cli';
import { startPlatform, type Platform } from './platform';

// Runs once, not per queue backend: nothing here is queued (scripts/test.sh).

jest.setTimeout(180_000);


// The user commands of the admin CLI, run as an operator would against the platform's database,
// then checked through the API they set up.
describe('faro users and tokens commands', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({}, { worker: false });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const faro = (...args: string[]) => runFaro(args, { DATABASE_URL: platform.databaseUrl, FARO_KEK: process.env.FARO_KEK });
  const line = printed;
  const login = (body: Record<string, string>) => callApi(platform.baseUrl, 'POST', '/api/v1/auth/login', { body });

  it('creates the first administrator once, prints a generated password once, and provisions their TOTP', async () => {
    const first = await faro('users:create-admin', '--email', 'chief@faro.test', '--name', 'Chief');
    expect(first.code).toBe(0);
    const password = line(first.stdout, 'password')!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const again = await faro('users:create-admin', '--email', 'deputy@faro.test', '--name', 'Deputy');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('An administrator exists already');
    expect((await faro('users:create-admin', '--email', 'deputy@faro.test', '--name', 'Deputy', '--password', 'a second long passphrase', '--force')).code).toBe(0);

    const beforeTotp = await login({ email: 'chief@faro.test', password });
    expect(beforeTotp.status).toBe(200);
    expect(beforeTotp.body).toMatchObject({ user: { roles: ['admin'], jurisdictionId: 'IT' }, totpEnrollmentRequired: true });

    const enrolled = await faro('users:totp-enroll', '--email', 'chief@faro.test');
    expect(enrolled.code).toBe(0);
    const secret = line(enrolled.stdout, 'secret')!;
    expect(line(enrolled.stdout, 'uri')).toContain(`secret=${secret}`);
    expect((await login({ email: 'chief@faro.test', password })).body.code).toBe('auth/totp-required');
    const withCode = await login({ email: 'chief@faro.test', password, totp: totpCode(secret, new Date()) });
    expect(withCode.status).toBe(200);
    expect(withCode.body.totpEnrollmentRequired).toBeUndefined();
  });

  it('creates a user with roles in a jurisdiction, and refuses unknown roles and jurisdictions', async () => {
    const ok = await faro('users:create', '--email', 'op@faro.test', '--name', 'Operatore', '--roles', 'operator,auditor', '--jurisdiction', 'IT', '--password', 'una frase lunga e sicura');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('roles operator,auditor, jurisdiction IT');
    expect(line(ok.stdout, 'password')).toBeUndefined();
    expect((await login({ email: 'op@faro.test', password: 'una frase lunga e sicura' })).status).toBe(200);
    const badRole = await faro('users:create', '--email', 'x@faro.test', '--name', 'X', '--roles', 'operator,boss', '--jurisdiction', 'IT');
    expect(badRole).toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown role boss') });
    const badPlace = await faro('users:create', '--email', 'x@faro.test', '--name', 'X', '--roles', 'operator', '--jurisdiction', 'XX-NOWHERE');
    expect(badPlace).toMatchObject({ code: 1, stderr: expect.stringContaining('No jurisdiction XX-NOWHERE') });
  });

  it('prints an API token once that works as a bearer until the user is disabled', async () => {
    await faro('users:create', '--email', 'bot@faro.test', '--name', 'Bot', '--roles', 'operator', '--jurisdiction', 'IT');
    const created = await faro('tokens:create', '--email', 'bot@faro.test', '--name', 'sensor gateway', '--expires-in-days', '30');
    expect(created.code).toBe(0);
    const token = line(created.stdout, 'token')!;
    const me = await callApi(platform.baseUrl, 'GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.body).toMatchObject({ user: { email: 'bot@faro.test' }, authenticatedBy: 'api-token' });
    expect((await faro('users:disable', '--email', 'bot@faro.test')).code).toBe(0);
    expect((await callApi(platform.baseUrl, 'GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await faro('users:disable', '--email', 'nobody@faro.test')).stderr).toContain('No user with email nobody@faro.test');
  });
});
