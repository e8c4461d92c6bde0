export { AudienceError } from './audience-error';
export type { AudienceErrorCode } from './audience-error';
export { AUDIENCE_ID_PATTERN } from './audience';
export type { AudienceGroup, Handset, StoredBundle } from './audience';
export { AudienceAdministration } from './audience-administration';
export type { CreateGroupInput, GroupKeyRotation, RegisterHandsetInput } from './audience-administration';
export type { AudienceAuditEntry, AudienceStore, AudienceTransaction, JurisdictionContains } from './ports';
