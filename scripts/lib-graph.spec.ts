import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { libGraph, formatGraph } = require('./lib-graph.js') as {
  libGraph: (root: string) => { graph: Record<string, string[]>; violations: string[] };
  formatGraph: (graph: Record<string, string[]>) => string;
};

const ROOT = resolve(__dirname, '..');

describe('the lib graph and its import rules', () => {
  it('holds on the tree: no lib imports Nest, typeorm outside persistence (nor an app), an app, or another lib by path, and there is no cycle', () => {
    expect(libGraph(ROOT).violations).toEqual([]);
  });

  it('is drawn in docs/architecture.md exactly as the imports draw it', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const drawn = /<!-- lib-graph -->\n```\n([\s\S]*?)\n```\n<!-- \/lib-graph -->/.exec(doc)?.[1];
    expect(drawn).toBe(formatGraph(libGraph(ROOT).graph));
  });

  describe('on a tree that breaks every rule', () => {
    let root: string;
    const put = (file: string, text: string) => {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    };

    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'lib-graph-'));
      mkdirSync(join(root, 'apps', 'api', 'src'), { recursive: true });
      put('libs/alerts/src/use-case.ts', `import { Injectable } from '@nestjs/common';\nimport { parse } from '@faro/cap';\n`);
      put('libs/cap/src/parse.ts', `import type { DataSource } from 'typeorm';\nexport const x = require('@faro/alerts');\n`);
      put('libs/targeting/src/index.ts', `export { main } from '../../../apps/api/src/main';\nimport '../../cap/src/parse';\n`);
      put('libs/persistence/src/store.ts', `import { DataSource } from 'typeorm';\n`);
      put('apps/api/src/wiring.ts', `import type { DataSource } from 'typeorm';\n`);
      // A spec may import what it likes: it is not what the lib depends on.
      put('libs/cap/src/parse.spec.ts', `import { Test } from '@nestjs/testing';\n`);
    });

    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('names each violation with its file', () => {
      expect(libGraph(root).violations.sort()).toEqual(
        [
          'libs/alerts/src/use-case.ts: imports @nestjs/common (a lib is plain TypeScript; Nest belongs to apps/)',
          'libs/cap/src/parse.ts: imports typeorm (typeorm only in libs/persistence)',
          'libs/targeting/src/index.ts: imports ../../../apps/api/src/main (a lib never imports an app)',
          'libs/targeting/src/index.ts: imports ../../cap/src/parse (another lib by path; use @faro/cap)',
          'libs import each other in a cycle: alerts → cap → alerts',
          "apps/api/src/wiring.ts: imports typeorm (apps hold the database as @faro/persistence's Database)",
        ].sort(),
      );
    });

    it('draws the graph from @faro imports, a lib with none as a dash', () => {
      expect(libGraph(root).graph).toEqual({ alerts: ['cap'], cap: ['alerts'], persistence: [], targeting: [] });
      expect(formatGraph({ cap: [], alerts: ['cap', 'targeting'] })).toBe('cap                → —\nalerts             → cap, targeting');
    });
  });
});
