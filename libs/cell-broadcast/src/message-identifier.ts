import { CellBroadcastError } from './cell-broadcast-error';
import { assertIntegerInRange } from './field-range';

// TS 23.041 §9.4.1.2.2, CMAS / EU-Alert message identifiers (the primary language ones).
export const MESSAGE_IDENTIFIERS = {
  presidential: 4370, // CMAS Presidential Level, EU-Alert Level 1
  extremeImmediateObserved: 4371,
  extremeImmediateLikely: 4372,
  extremeExpectedObserved: 4373,
  extremeExpectedLikely: 4374,
  severeImmediateObserved: 4375,
  severeImmediateLikely: 4376,
  severeExpectedObserved: 4377,
  severeExpectedLikely: 4378,
  amber: 4379,
  requiredMonthlyTest: 4380,
  exercise: 4381,
  operatorDefined: 4382,
  publicSafety: 4396,
  stateLocalTest: 4398,
} as const;

export type MessageIdentifierName = keyof typeof MESSAGE_IDENTIFIERS;

export interface AlertClassInput {
  status: 'Actual' | 'Exercise' | 'System' | 'Test';
  severity: 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
  urgency: 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
  certainty: 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';
  level1?: boolean;
}

export interface SelectedMessageIdentifier {
  primary: number;
  additionalLanguage: number;
  name: MessageIdentifierName;
}

// TS 23.041 §9.4.1.2.2: 4383..4395 repeat 4370..4382 for an additional language, 13 apart.
// The pairs added later are not 13 apart: the spec gives 4396 (public safety) the additional
// language id 4397, and 4398 (state/local test) the id 4399.
export function additionalLanguageIdentifier(primary: number): number {
  assertIntegerInRange('messageIdentifier', primary, 0, 0xffff);
  if (primary >= MESSAGE_IDENTIFIERS.presidential && primary <= MESSAGE_IDENTIFIERS.operatorDefined) {
    return primary + 13;
  }
  if (primary === MESSAGE_IDENTIFIERS.publicSafety || primary === MESSAGE_IDENTIFIERS.stateLocalTest) {
    return primary + 1;
  }
  throw new CellBroadcastError(
    'cell-broadcast/invalid-field',
    `message identifier ${primary} has no additional-language identifier`,
  );
}

export function selectMessageIdentifier(i: AlertClassInput): SelectedMessageIdentifier {
  const name = selectName(i);
  const primary = MESSAGE_IDENTIFIERS[name];
  return { primary, additionalLanguage: additionalLanguageIdentifier(primary), name };
}

function selectName(i: AlertClassInput): MessageIdentifierName {
  if (i.status === 'Exercise') return 'exercise';
  if (i.status === 'Test' || i.status === 'System') return 'stateLocalTest';
  if (i.level1) return 'presidential';
  if (i.severity === 'Extreme' || i.severity === 'Severe') {
    const when = i.urgency === 'Immediate' ? 'Immediate' : i.urgency === 'Expected' ? 'Expected' : null;
    const how = i.certainty === 'Observed' ? 'Observed' : i.certainty === 'Likely' ? 'Likely' : null;
    if (when && how) return `${i.severity === 'Extreme' ? 'extreme' : 'severe'}${when}${how}`;
  }
  return 'publicSafety';
}

// Restricted-audience (group) messages are not public warnings: they travel outside the PWS
// range 0x1100–0x18FF that every handset shows as an alert (Android's SmsCbConstants
// MESSAGE_ID_PWS_FIRST/LAST_IDENTIFIER), on a channel only provisioned handsets listen to. 4000
// (0x0FA0) and 4001 for the additional language are Faro's defaults in the range below 0x1000
// that TS 23.041 does not assign to PWS; the channel is one to agree with the networks carrying it.
export const GROUP_MESSAGE_IDENTIFIERS = { primary: 4000, additionalLanguage: 4001 } as const;

export function isPwsMessageIdentifier(id: number): boolean {
  return id >= 0x1100 && id <= 0x18ff;
}

// The additional-language identifiers of TS 23.041 §9.4.1.2.2 (4383..4395, 4397, 4399) and the
// group channel's (4001): a receiver picks the companion slot of a message by this.
export function isAdditionalLanguageIdentifier(id: number): boolean {
  return (id >= 4383 && id <= 4395) || id === 4397 || id === 4399 || id === GROUP_MESSAGE_IDENTIFIERS.additionalLanguage;
}
