import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// Runs once, not per queue backend: nothing here is queued (scripts/test.sh).

// Each test runs the CLI twice, a Node process start each: seconds on a busy machine.
jest.setTimeout(60_000);

const run = promisify(execFile);
const CLI = resolve(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const DOC = readFileSync(resolve(__dirname, '..', 'docs', 'broadcast-format.md'), 'utf8');

function docBlock(name: string): string {
  const m = DOC.match(new RegExp(`<!-- example: ${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``));
  if (!m) throw new Error(`docs/broadcast-format.md has no example block ${name}`);
  return m[1].replace(/\s+/g, '');
}

// handset:verify as a phone maker runs it, on the worked example of docs/broadcast-format.md: no
// database and no KEK, only the pages, the published key and a --seen file kept between runs.
describe('faro handset:verify --seen', () => {
  let dir: string;
  let jwks: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'faro-handset-cli-'));
    jwks = join(dir, 'jwks.json');
    const x = Buffer.from(docBlock('public-key'), 'hex').toString('base64url');
    writeFileSync(jwks, JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', kid: '0000002a', x }] }));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const verify = async (seen: string, pages = `${docBlock('page-1')},${docBlock('companion')}`) => {
    const args = ['handset:verify', '--jwks', jwks, '--pages', pages, '--now', '2026-01-01T00:01:00Z', '--seen', seen];
    try {
      const r = await run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH } });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };

  it('shows a broadcast once and refuses the same pages as replay on the next run', async () => {
    const seen = join(dir, 'seen.json');
    const first = await verify(seen);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('Terremoto. Allontanarsi dagli edifici.') });
    expect(JSON.parse(readFileSync(seen, 'utf8')).entries).toEqual([
      { messageIdentifier: 4371, messageCode: 5, updateNumber: 0, issueTime: 1767225600 },
    ]);
    const second = await verify(seen);
    expect(second).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'faro: refused (replay): message identifier 4371, message code 5, update 0 was already accepted\n',
    });
  });

  it('reports the alert page without its companion as unsigned, with the text unverified, and remembers nothing', async () => {
    const seen = join(dir, 'unsigned.json');
    const r = await verify(seen, docBlock('page-1'));
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'faro: refused (unsigned): no FS2 companion on message identifier 40960 with serial number 49232 naming message identifier 4371\n' +
        'faro: unverified text: Terremoto. Allontanarsi dagli edifici.\n',
    });
    expect(existsSync(seen)).toBe(false);
  });

  it('refuses to run on a damaged --seen file instead of starting with an empty memory', async () => {
    const seen = join(dir, 'damaged.json');
    writeFileSync(seen, '{"format":"faro-replay-memory","version":1,"entries":[');
    const r = await verify(seen);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining(`faro: --seen: ${seen} is not JSON`) });
    expect(readFileSync(seen, 'utf8')).toBe('{"format":"faro-replay-memory","version":1,"entries":[');
  });
});
