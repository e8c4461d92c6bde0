import type { HttpEdgeCode } from './http-error';

// Fastify's own refusals, by their error code (fastify/lib/errors.js).
export const FASTIFY_CODES: Record<string, HttpEdgeCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'http/payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'http/unsupported-media-type',
  FST_ERR_CTP_INVALID_JSON_BODY: 'http/malformed-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'http/malformed-json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'http/bad-request',
  // Refused by the router (apps/api/src/http/framework-errors.ts): the 414 keeps its status.
  FST_ERR_BAD_URL: 'http/bad-request',
  FST_ERR_MAX_PARAM_LENGTH: 'http/client-error',
};
