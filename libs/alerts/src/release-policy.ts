import type { Principal } from '@faro/identity';
import type { Alert } from './alert';

// Whoever acts: a principal, or the platform's own processes.
export type Actor = Pick<Principal, 'id' | 'kind' | 'via'>;

// The one place a release is decided. Roles, jurisdictions and the two-person rule
// (issue 3) grow here; for now any actor may release any alert.
export interface ReleasePolicy {
  assertMayRelease(alert: Alert, principal: Principal): Promise<void> | void;
}

export const openReleasePolicy: ReleasePolicy = {
  assertMayRelease: () => undefined,
};
