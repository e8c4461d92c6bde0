// What pino removes from every log line of the API and the worker (fast-redact paths): the
// credentials a request carries in its headers, and any field named for a secret at the top
// level or one level down, whoever logs it (a logged config is redacted by redactConfig first).
const SECRET_FIELDS = ['password', 'newPassword', 'totp', 'totpSecret', 'token', 'csrfToken', 'secret', 'privateKey', 'apiKey', 'authorization', 'cookie', 'kek'];

export const LOG_REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-faro-signature"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
];
