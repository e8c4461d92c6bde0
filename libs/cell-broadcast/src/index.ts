export { CellBroadcastError } from './cell-broadcast-error';
export type { CellBroadcastErrorCode } from './cell-broadcast-error';
export { decodeGsm7Septets, gsm7Septets } from './gsm7-alphabet';
export { packGsm7, unpackGsm7 } from './gsm7-packing';
export { broadcastLanguage, describeDataCodingScheme } from './data-coding-scheme';
export type { Alphabet, DataCodingSchemeMeaning } from './data-coding-scheme';
export { DEFAULT_MAX_TEXT_PAGES, encodeBroadcastText } from './encode-broadcast-text';
export type { EncodeBroadcastTextOptions, EncodedText } from './encode-broadcast-text';
export { decodeBroadcastPages } from './decode-broadcast-pages';
export type { DecodedBroadcastText } from './decode-broadcast-pages';
export { additionalLanguageIdentifier, GROUP_MESSAGE_IDENTIFIERS, isAdditionalLanguageIdentifier, isPwsMessageIdentifier, MESSAGE_IDENTIFIERS, selectMessageIdentifier } from './message-identifier';
export type { AlertClassInput, MessageIdentifierName, SelectedMessageIdentifier } from './message-identifier';
export { decodeSerialNumber, encodeSerialNumber, GEOGRAPHICAL_SCOPE, nextUpdate } from './serial-number';
export type { SerialNumber } from './serial-number';
export {
  buildPage,
  MAX_PAGES_PER_MESSAGE,
  PAGE_CONTENT_OCTETS,
  PAGE_HEADER_OCTETS,
  PAGE_OCTETS,
  parsePage,
  SEPTETS_PER_PAGE,
} from './page';
export type { PageHeader, ParsedPage } from './page';
export {
  buildSignaturePageContent,
  ED25519_SIGNATURE_OCTETS,
  parseSignaturePageContent,
  signedPayload,
} from './signature-page';
export type { SignaturePage, SignedPayloadInput } from './signature-page';
export { assembleBroadcast, assembleTextMessage } from './assemble-broadcast';
export {
  assembleCompanionMessage,
  assertCompanionIdentifiers,
  buildCompanionContent,
  COMPANION_DCS,
  COMPANION_IDENTIFIER_RANGE,
  DEFAULT_COMPANION_MESSAGE_IDENTIFIERS,
  isCompanionMessageIdentifier,
  parseCompanionContent,
  readCompanionPage,
} from './companion-message';
export type { AssembleCompanionInput, CompanionContent, CompanionIdentifiers } from './companion-message';
export type { AssembleBroadcastInput } from './assemble-broadcast';
export {
  decodeWarningAreaCoordinates,
  encodeWarningAreaCoordinates,
  MAX_POLYGON_VERTICES,
  MAXIMUM_WAIT_TIME_NOT_SET,
} from './warning-area-coordinates';
export type { LatLon, WacGeometry, WarningAreaCoordinates } from './warning-area-coordinates';
