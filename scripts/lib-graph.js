#!/usr/bin/env node
// The lib graph as the imports draw it, and the import rules of docs/architecture.md:
// a lib never imports @nestjs (libs are plain TypeScript), typeorm only in libs/persistence (not in
// apps/ either), and nothing of apps/. `node scripts/lib-graph.js` prints the graph (one line per
// lib: the libs it imports); `--check` prints the violations and exits 1 when there is any. Specs are left out:
// they are not what a lib depends on.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(=])import\s*['"]([^'"]+)['"]|\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec)\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) out.push(full);
  }
  return out;
}

function importsOf(text) {
  const found = [];
  for (const m of text.matchAll(IMPORT)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

// root: a checkout (or a tree shaped like one: libs/<name>/src/…). Answers the graph and the
// violations, each naming the file and the import.
function libGraph(root) {
  const libsDir = path.join(root, 'libs');
  const appsDir = path.join(root, 'apps');
  const graph = {};
  const violations = [];
  for (const lib of fs.readdirSync(libsDir).sort()) {
    const src = path.join(libsDir, lib, 'src');
    if (!fs.existsSync(src)) continue;
    const uses = new Set();
    for (const file of sourceFiles(src)) {
      const where = path.relative(root, file);
      for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
        const faro = /^@faro\/([a-z-]+)/.exec(spec);
        if (faro && faro[1] !== lib) uses.add(faro[1]);
        if (/^@nestjs\//.test(spec)) violations.push(`${where}: imports ${spec} (a lib is plain TypeScript; Nest belongs to apps/)`);
        if (/^typeorm(\/|$)/.test(spec) && lib !== 'persistence') violations.push(`${where}: imports ${spec} (typeorm only in libs/persistence)`);
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (target === appsDir || target.startsWith(appsDir + path.sep)) violations.push(`${where}: imports ${spec} (a lib never imports an app)`);
          else if (target.startsWith(libsDir + path.sep)) {
            const other = path.relative(libsDir, target).split(path.sep)[0];
            if (other !== lib) violations.push(`${where}: imports ${spec} (another lib by path; use @faro/${other})`);
          }
        }
        if (/^@faro\/apps?\b|^apps\//.test(spec)) violations.push(`${where}: imports ${spec} (a lib never imports an app)`);
      }
    }
    graph[lib] = [...uses].sort();
  }
  // Apps wire and serve: they hold the database as @faro/persistence's Database, never the ORM.
  if (fs.existsSync(appsDir)) {
    for (const file of sourceFiles(appsDir)) {
      for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
        if (/^typeorm(\/|$)/.test(spec)) violations.push(`${path.relative(root, file)}: imports ${spec} (apps hold the database as @faro/persistence's Database)`);
      }
    }
  }
  for (const cycle of cycles(graph)) violations.push(`libs import each other in a cycle: ${cycle.join(' → ')}`);
  return { graph, violations };
}

function cycles(graph) {
  const found = [];
  const state = {};
  const visit = (lib, trail) => {
    if (state[lib] === 'done') return;
    if (state[lib] === 'open') {
      found.push([...trail.slice(trail.indexOf(lib)), lib]);
      return;
    }
    state[lib] = 'open';
    for (const next of graph[lib] ?? []) visit(next, [...trail, lib]);
    state[lib] = 'done';
  };
  for (const lib of Object.keys(graph)) visit(lib, []);
  return found;
}

function formatGraph(graph) {
  return Object.entries(graph)
    .map(([lib, uses]) => `${lib.padEnd(18)} → ${uses.length > 0 ? uses.join(', ') : '—'}`)
    .join('\n');
}

module.exports = { libGraph, formatGraph, importsOf };

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const { graph, violations } = libGraph(root);
  if (process.argv.includes('--check')) {
    for (const v of violations) console.error(v);
    process.exit(violations.length > 0 ? 1 : 0);
  }
  console.log(formatGraph(graph));
}
