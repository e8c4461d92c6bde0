import type { Alert } from './alert';

export interface Actor {
  id: string;
  kind: 'user' | 'sensor' | 'system';
}

// The one place a release is decided. Roles, jurisdictions and the two-person rule
// (issue 3) grow here; for now any actor may release any alert.
export interface ReleasePolicy {
  assertMayRelease(alert: Alert, actor: Actor): Promise<void> | void;
}

export const openReleasePolicy: ReleasePolicy = {
  assertMayRelease: () => undefined,
};
