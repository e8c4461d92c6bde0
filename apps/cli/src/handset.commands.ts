import { readFileSync } from 'node:fs';
import type { Type } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DEFAULT_MAX_AGE_SECONDS, verifyBroadcast, type BroadcastJwks } from '@faro/handset';

interface HandsetVerifyOptions {
  pages: string;
  jwks: string;
  now?: Date;
  maxAgeSeconds?: number;
}

// Hex pages separated by commas; whitespace inside a page is ignored so a page can be pasted as
// printed in docs/broadcast-format.md.
export function parsePagesOption(v: string): Uint8Array[] {
  return v.split(',').map((page, i) => {
    const hex = page.replace(/\s+/g, '');
    if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new Error(`--pages: page ${i + 1} is not hex octets`);
    return new Uint8Array(Buffer.from(hex, 'hex'));
  });
}

function readJwks(path: string): BroadcastJwks {
  let jwks: BroadcastJwks;
  try {
    jwks = JSON.parse(readFileSync(path, 'utf8')) as BroadcastJwks;
  } catch (e) {
    throw new Error(`--jwks: cannot read ${path} as JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!jwks || !Array.isArray(jwks.keys)) throw new Error(`--jwks: ${path} is not a JWKS (no "keys" array)`);
  return jwks;
}

// What a handset does with the pages it received: no database, no KEK, only the public JWKS.
@Command({
  name: 'handset:verify',
  description: 'Verify a broadcast the way a handset does (FS1 signature against a JWKS, freshness); prints the text, or the refusal with exit status 1',
})
export class HandsetVerifyCommand extends CommandRunner {
  async run(_args: string[], o: HandsetVerifyOptions): Promise<void> {
    try {
      const r = verifyBroadcast({
        pages: parsePagesOption(o.pages),
        jwks: readJwks(o.jwks),
        now: o.now ?? new Date(),
        maxAgeSeconds: o.maxAgeSeconds,
      });
      if (!r.ok) {
        console.error(`faro: refused (${r.reason}): ${r.detail}`);
        process.exitCode = 1;
        return;
      }
      console.log(
        `verified: message identifier ${r.messageIdentifier}, message code ${r.messageCode}, update ${r.updateNumber}, ` +
          `DCS 0x${r.dcs.toString(16).padStart(2, '0')}, language ${r.language ?? 'unknown'}, key ${r.keyId}, issued ${r.issueTime.toISOString()}`,
      );
      console.log(r.text);
    } catch (e) {
      console.error(`faro: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    }
  }

  @Option({ flags: '--pages <hex,hex,...>', description: 'the 88-octet pages in hex, comma-separated, any order', required: true })
  parsePages(v: string) {
    return v;
  }

  @Option({ flags: '--jwks <file>', description: 'path to a JWKS JSON file, as served at /.well-known/faro/keys', required: true })
  parseJwks(v: string) {
    return v;
  }

  @Option({ flags: '--now <iso-time>', description: 'the handset clock (default: now)' })
  parseNow(v: string): Date {
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new Error(`--now: not a date: ${v}`);
    return d;
  }

  @Option({ flags: '--max-age-seconds <seconds>', description: `refuse an issue time older than this (default ${DEFAULT_MAX_AGE_SECONDS})` })
  parseMaxAgeSeconds(v: string): number {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--max-age-seconds: not a whole number of seconds: ${v}`);
    return n;
  }
}

// Needs no DataSource: register it where the CLI's database providers are not instantiated eagerly.
export const handsetCommands: Type<unknown>[] = [HandsetVerifyCommand];
