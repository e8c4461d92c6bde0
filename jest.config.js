// Two projects: unit specs (no I/O, beside the code) and integration specs
// (real PostgreSQL and Redis, migrations applied once in globalSetup).
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = __dirname;

const moduleNameMapper = {
  // A lib's in-memory fakes (libs/<lib>/src/testing/), for the specs of the libs built on it.
  '^@faro/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
  '^@faro/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
};
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps,libs,bench,scripts}/**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      testTimeout: 120000,
    },
  ],
};
