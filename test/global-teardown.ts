import { rmSync } from 'node:fs';
import { stopSharedPlatform } from './shared-platform';

// Once per integration run: the shared platform, if a spec started it, is stopped and its
// database dropped.
export default async function globalTeardown(): Promise<void> {
  await stopSharedPlatform();
  const dir = process.env.FARO_SHARED_PLATFORM_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
