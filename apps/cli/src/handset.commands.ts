import { readFileSync } from 'node:fs';
import type { Type } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { isCompanionMessageIdentifier } from '@faro/cell-broadcast';
import { DEFAULT_MAX_AGE_SECONDS, verifyBroadcasts, verifyGroupBroadcast, type BroadcastJwks, type BroadcastVerification, type GroupBroadcastVerification } from '@faro/handset';
import { readGroupKeys, readHandsetKeyFile, writeHandsetKeyFile } from './handset-keys-file';
import { loadReplayMemory, saveReplayMemory } from './replay-memory-file';

interface HandsetVerifyOptions {
  pages: string;
  jwks: string;
  now?: Date;
  maxAgeSeconds?: number;
  seen?: string;
  handsetKey?: string;
  bundles?: string;
}

// TS 23.038 8-bit data: Faro's restricted-audience (group) messages.
const GROUP_DCS = 0x44;

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
  description:
    'Verify a broadcast the way a handset does (a public alert paired with its FS2 companion, or a group message with its FS1 page and the handset key bundles; signature against a JWKS, freshness, replay); prints the text, or the refusal with exit status 1',
})
export class HandsetVerifyCommand extends CommandRunner {
  async run(_args: string[], o: HandsetVerifyOptions): Promise<void> {
    try {
      if ((o.handsetKey === undefined) !== (o.bundles === undefined)) throw new Error('--handset-key and --bundles go together');
      const seen = o.seen === undefined ? undefined : loadReplayMemory(o.seen, { maxAgeSeconds: o.maxAgeSeconds });
      const pages = parsePagesOption(o.pages);
      const common = { pages, jwks: readJwks(o.jwks), now: o.now ?? new Date(), maxAgeSeconds: o.maxAgeSeconds, seen };
      // A group message is recognised by its DCS, so that a handset without its key refuses it as
      // not-a-member rather than as text it cannot decode. A public alert's FS2 companion is 8-bit
      // data too, on its own identifier range: it is not a group message.
      const group = pages.some((p) => p.length >= 5 && p[4] === GROUP_DCS && !isCompanionMessageIdentifier((p[2] << 8) | p[3])) || o.bundles !== undefined;
      const groupKeys = o.handsetKey && o.bundles ? await readGroupKeys(o.bundles, readHandsetKeyFile(o.handsetKey)) : new Map<number, Uint8Array>();
      // Public alerts: each alert among the pages with its companion; the pages given are all there
      // is, so an alert without its companion is unsigned (its text shown on stderr, unverified).
      const results: Array<BroadcastVerification | GroupBroadcastVerification> = group
        ? [verifyGroupBroadcast({ ...common, groupKeys })]
        : pages.length === 0 ? [] : verifyBroadcasts(common);
      if (results.length === 0) throw new Error('--pages: no alert message among the pages');
      let accepted = false;
      for (const r of results) {
        if (!r.ok) {
          console.error(`faro: refused (${r.reason}): ${r.detail}`);
          if ('unverified' in r && r.unverified) console.error(`faro: unverified text: ${r.unverified.text}`);
          process.exitCode = 1;
          continue;
        }
        accepted = true;
        console.log(
          `verified: message identifier ${r.messageIdentifier}, message code ${r.messageCode}, update ${r.updateNumber}, ` +
            `DCS 0x${r.dcs.toString(16).padStart(2, '0')}, language ${r.language ?? 'unknown'}, key ${r.keyId}, issued ${r.issueTime.toISOString()}` +
            ('groupKeyId' in r ? `, group key ${r.groupKeyId}` : ''),
        );
        console.log(r.text);
      }
      if (accepted && o.seen !== undefined && seen) saveReplayMemory(o.seen, seen);
    } catch (e) {
      console.error(`faro: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    }
  }

  @Option({ flags: '--pages <hex,hex,...>', description: 'the 88-octet pages in hex, comma-separated, any order: alerts and their FS2 companions', required: true })
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

  @Option({
    flags: '--seen <file>',
    description: 'the messages accepted before, as JSON: read if it exists, rewritten when a message is accepted; a repeat is refused (replay)',
  })
  parseSeen(v: string) {
    return v;
  }

  @Option({ flags: '--handset-key <file>', description: 'this handset\'s key file, as handset:keygen writes it' })
  parseHandsetKey(v: string) {
    return v;
  }

  @Option({ flags: '--bundles <file>', description: 'the group key bundles provisioned to this handset (JSON array, as GET /api/v1/handsets/<id>/key-bundles gives)' })
  parseBundles(v: string) {
    return v;
  }
}

interface HandsetKeygenOptions {
  id: string;
  out: string;
}

// What a phone does once: make the X25519 key pair its group key bundles are sealed to.
@Command({ name: 'handset:keygen', description: 'Make a handset X25519 key pair: writes --out (mode 0600), prints the public key to register' })
export class HandsetKeygenCommand extends CommandRunner {
  async run(_args: string[], o: HandsetKeygenOptions): Promise<void> {
    try {
      const file = await writeHandsetKeyFile(o.out, o.id);
      console.log(`handset ${file.id}: key pair written to ${o.out}; register the public key:`);
      console.log(file.publicKey);
    } catch (e) {
      console.error(`faro: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    }
  }

  @Option({ flags: '--id <id>', description: 'the handset id to register it under', required: true })
  parseId(v: string) {
    return v;
  }

  @Option({ flags: '--out <file>', description: 'where to write the key file; never overwritten', required: true })
  parseOut(v: string) {
    return v;
  }
}

// Needs no DataSource: register it where the CLI's database providers are not instantiated eagerly.
export const handsetCommands: Type<unknown>[] = [HandsetVerifyCommand, HandsetKeygenCommand];
