export { CapError } from './cap-error';
export type { CapErrorCode } from './cap-error';
export {
  CAP_12_NAMESPACE,
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_DEFAULT_LANGUAGE,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from './cap-alert';
export type {
  CapAlert,
  CapArea,
  CapCategory,
  CapCertainty,
  CapCircle,
  CapInfo,
  CapMsgType,
  CapNamedValue,
  CapPoint,
  CapReference,
  CapResource,
  CapResponseType,
  CapScope,
  CapSeverity,
  CapStatus,
  CapUrgency,
} from './cap-alert';
export { decodeXmlBytes } from './decode-xml-bytes';
export { parseCapAlert } from './parse-cap-alert';
export { serializeCapAlert } from './serialize-cap-alert';
export { validateCapAlert } from './validate-cap-alert';
export { formatCapReferences, parseCapReferences } from './cap-references';
export { capDateTime, restampCapAlert } from './restamp-cap-alert';
export { ATOM_NAMESPACE, CAP_MEDIA_TYPE, serializeAtomFeed } from './serialize-atom-feed';
export type { AtomCapEntry, AtomCapFeed } from './serialize-atom-feed';
