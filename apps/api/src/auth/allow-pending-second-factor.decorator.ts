import { SetMetadata } from '@nestjs/common';

export const ALLOW_PENDING_SECOND_FACTOR = 'faro:allow-pending-second-factor';
// A route an approver or admin who has not enrolled TOTP yet may use (to enrol it, see who
// they are, log out); every other route refuses them until they have.
export const AllowPendingSecondFactor = () => SetMetadata(ALLOW_PENDING_SECOND_FACTOR, true);
