import { dirname, join } from 'node:path';
import type FlatbushClass from 'flatbush';

// flatbush 4 is published as ES modules only ("exports": "./index.js"). Node ≥ 20.19 loads it
// with require(), Jest on Node 20 does not (ERR_REQUIRE_ESM), so there we take the UMD bundle
// the package ships beside it, which Jest runs as CommonJS. Once jest.config.js transforms
// flatbush and flatqueue (transformIgnorePatterns), this file can become a plain re-export.
function loadFlatbush(): typeof FlatbushClass {
  try {
    const loaded = require('flatbush') as { default?: typeof FlatbushClass } & typeof FlatbushClass;
    return loaded.default ?? loaded;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
    return require(join(dirname(require.resolve('flatbush')), 'flatbush.js')) as typeof FlatbushClass;
  }
}

export const Flatbush = loadFlatbush();
export type Flatbush = FlatbushClass;
