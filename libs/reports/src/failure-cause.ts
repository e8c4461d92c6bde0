// Why a cell did not get an alert, as a small stable set an auditor can count across a year,
// from the reason the platform stored with the delivery. A stored reason is one of:
// - a failed batch: `<error code>: <message>` (apps/worker UplinkProcessor, after the last
//   attempt or a permanent refusal), the message naming gateway, submission and batch;
// - a rejected cell: the gateway's receipt (libs/uplink: a cell of the other kind of gateway, a
//   CBC's 4xx, an id reused for other cells);
// - a cell never transmitted: `<why> before transmission` (libs/alerts notTransmittedReason), an
//   Update's kill ('outside the Update', 'not replaced by the Update …'), or the bare status
//   (`queued`, `killed`) where none was stored.
// One cell may carry the reasons of several languages joined by '; ' (libs/persistence
// SqlReportSource): the first rule below that matches any of them names the cause.
export const FAILURE_CAUSES = [
  'link-failure',
  'gateway-refused',
  'seal-not-opened',
  'unknown-gateway',
  'cell-not-served',
  'expired',
  'cancelled-before-air',
  'replaced-before-air',
  'still-queued',
  'internal-error',
  'other',
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

// `(?:^|; )`: the start of one of the joined reasons; `whole`: all of one.
const at = (pattern: string) => new RegExp(`(?:^|; )(?:${pattern})`);
const whole = (pattern: string) => new RegExp(`(?:^|; )(?:${pattern})(?=; |$)`);

// In order: expiry and a wrong cell are told apart before the code that carries them.
const RULES: ReadonlyArray<[FailureCause, RegExp]> = [
  ['expired', at('uplink/rejected: the broadcast has expired|expired before transmission')],
  ['cell-not-served', at("a (?:satellite|terrestrial) gateway serves only|no terrestrial CBC serves this cell")],
  ['seal-not-opened', at('uplink/unsealed:')],
  ['unknown-gateway', at('uplink/unknown-gateway:')],
  ['link-failure', at('uplink/transient:|uplink/in-progress:|\\S+: no peer acknowledged|\\S+ 5\\d\\d: ')],
  ['gateway-refused', at('uplink/rejected:|\\S+ 4\\d\\d: |not in the submission this id was first transmitted with')],
  ['cancelled-before-air', at('cancelled before transmission')],
  ['replaced-before-air', at('replaced before transmission|outside the Update|not replaced by the Update')],
  ['still-queued', whole('queued')],
  // A failure of Faro's own (an alert gone, an error without a code), not of the uplink.
  ['internal-error', at('alert/[a-z-]+:|error:')],
];

export function failureCause(reason: string): FailureCause {
  return RULES.find(([, pattern]) => pattern.test(reason))?.[0] ?? 'other';
}
