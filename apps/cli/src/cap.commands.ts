import { readFileSync } from 'node:fs';
import type { Type } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { parseCapAlert, restampCapAlert, serializeCapAlert } from '@faro/cap';

@Command({
  name: 'cap:stamp',
  arguments: '<file>',
  description: 'Print a CAP 1.2 document made new from a template: fresh identifier and sent, effective/onset/expires moved alike (for tutorials and drills)',
})
export class CapStampCommand extends CommandRunner {
  async run([file]: string[]): Promise<void> {
    try {
      const alert = parseCapAlert(readFileSync(file));
      process.stdout.write(serializeCapAlert(restampCapAlert(alert, new Date())));
    } catch (e) {
      console.error(`faro: ${file}: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    }
  }
}

// CAP helpers that need neither the database nor the KEK.
export const capCommands: Type<unknown>[] = [CapStampCommand];
