import type { MsgType } from './incident-draft';

// The message type with its article, for sentences that name it: "an Update", "a Cancel".
export function aMsgType(msgType: MsgType): string {
  return msgType === 'Cancel' ? 'a Cancel' : `an ${msgType}`;
}

// The same at the start of a sentence.
export function AMsgType(msgType: MsgType): string {
  const phrase = aMsgType(msgType);
  return phrase[0].toUpperCase() + phrase.slice(1);
}
