import { Inject } from '@nestjs/common';
import { resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import type { FaroConfig } from '@faro/config';
import { seedJurisdictions } from '@faro/persistence';
import { BoundaryCatalog } from '@faro/targeting';
import { CLI_CONFIG } from './cli.providers';

@Command({
  name: 'jurisdictions:list',
  description: 'The jurisdictions users and sensors belong to: IT, IT-R<region>, IT-P<province> (ISTAT codes)',
})
export class JurisdictionsListCommand extends CommandRunner {
  constructor(
    private readonly ds: DataSource,
    @Inject(CLI_CONFIG) private readonly config: FaroConfig,
  ) {
    super();
  }

  async run(_args: string[], o: { seed?: boolean }): Promise<void> {
    try {
      if (o.seed) {
        const changed = await seedJurisdictions(this.ds, BoundaryCatalog.load(resolve(this.config.FARO_DATA_DIR)));
        console.error(`${changed} jurisdiction(s) added or changed from ${this.config.FARO_DATA_DIR}`);
      }
      const rows: Array<{ id: string; level: string; parent_id: string | null; name: string }> = await this.ds.query(
        `SELECT id, level, parent_id, name FROM jurisdictions
          ORDER BY CASE level WHEN 'national' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, id`,
      );
      for (const r of rows) console.log(`${r.id.padEnd(8)} ${r.level.padEnd(9)} ${(r.parent_id ?? '-').padEnd(7)} ${r.name}`);
      if (rows.length <= 1) console.error('only the national jurisdiction is defined: run with --seed to add the regions and provinces');
    } catch (e) {
      console.error(`faro: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    } finally {
      if (this.ds.isInitialized) await this.ds.destroy();
    }
  }

  @Option({ flags: '--seed', description: 'first write the regions and provinces of FARO_DATA_DIR (idempotent)' })
  parseSeed(): boolean {
    return true;
  }
}
