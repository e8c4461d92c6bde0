import { Inject } from '@nestjs/common';
import { resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { FaroConfig } from '@faro/config';
import { Database, seedJurisdictions, listJurisdictions } from '@faro/persistence';
import { BoundaryCatalog } from '@faro/targeting';
import { CLI_CONFIG } from './cli.providers';
import { cliCommand } from './cli-command';

@Command({
  name: 'jurisdictions:list',
  description: 'The jurisdictions users and sensors belong to: IT, IT-R<region>, IT-P<province> (ISTAT codes)',
})
export class JurisdictionsListCommand extends CommandRunner {
  constructor(
    private readonly ds: Database,
    @Inject(CLI_CONFIG) private readonly config: FaroConfig,
  ) {
    super();
  }

  async run(_args: string[], o: { seed?: boolean }): Promise<void> {
    await cliCommand(this.ds, async () => {
      if (o.seed) {
        const changed = await seedJurisdictions(this.ds, BoundaryCatalog.load(resolve(this.config.FARO_DATA_DIR)));
        console.error(`${changed} jurisdiction(s) added or changed from ${this.config.FARO_DATA_DIR}`);
      }
      const rows = await listJurisdictions(this.ds);
      for (const r of rows) console.log(`${r.id.padEnd(8)} ${r.level.padEnd(9)} ${(r.parentId ?? '-').padEnd(7)} ${r.name}`);
      if (rows.length <= 1) console.error('only the national jurisdiction is defined: run with --seed to add the regions and provinces');
    });
  }

  @Option({ flags: '--seed', description: 'first write the regions and provinces of FARO_DATA_DIR (idempotent)' })
  parseSeed(): boolean {
    return true;
  }
}
