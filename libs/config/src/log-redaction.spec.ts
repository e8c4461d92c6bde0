import { Writable } from 'node:stream';
import pino from 'pino';
import { LOG_REDACT_PATHS } from './log-redaction';

function logged(write: (log: pino.Logger) => void): string {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  write(pino({ redact: [...LOG_REDACT_PATHS] }, sink));
  return lines.join('');
}

describe('the redaction every log line goes through', () => {
  it('removes request credentials and fields named for a secret, top level or one down', () => {
    const out = logged((log) => {
      log.info({ req: { headers: { authorization: 'Bearer tok-1', cookie: 'faro_session=ses-2', 'x-csrf-token': 'csrf-3', 'x-faro-signature': 'v1=sig-4' } } }, 'request');
      log.info({ password: 'pw-5', body: { totp: '123456', secret: 'sec-6', privateKey: 'pk-7' }, token: 'tok-8' }, 'careless');
    });
    for (const s of ['tok-1', 'ses-2', 'csrf-3', 'sig-4', 'pw-5', '123456', 'sec-6', 'pk-7', 'tok-8']) expect([s, out.includes(s)]).toEqual([s, false]);
    expect(out).toContain('[Redacted]');
    expect(out).toContain('careless');
  });
});
