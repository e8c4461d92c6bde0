#!/usr/bin/env node
// `npm run faro -- <command>`: the built CLI. It builds the tree only when there is no build yet,
// so it never rebuilds dist/ under a running platform; after changing the code, `npm run build`.
'use strict';
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(cli)) {
  process.stderr.write('faro: no build yet, building once (npm run build)\n');
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
require(cli);
