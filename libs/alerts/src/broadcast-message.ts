// The FS2 companion that signs a public alert's message, if it has one: it goes on air (and is
// killed) with that message.
export function companionOf(all: readonly BroadcastMessage[], m: BroadcastMessage): BroadcastMessage | undefined {
  return all.find((x) => x.kind === 'companion' && x.signsMessageId === m.id);
}

// One language of an alert as it goes on air: the pages, their signature and geofence.
export interface BroadcastMessage {
  id: string;
  alertId: string;
  // 'companion': the FS2 signature of the message signsMessageId names, on its own identifier
  // (docs/broadcast-format.md). An alert message of a public alert carries text pages only.
  kind: 'alert' | 'companion';
  signsMessageId: string | null;
  language: string;
  messageIdentifier: number;
  serialNumber: number;
  codeCycle: number;
  dcs: number;
  // 'data': a group message, AES-256-GCM sealed under groupKeyId and sent as 8-bit data.
  alphabet: 'gsm7' | 'ucs2' | 'data';
  groupKeyId: number | null;
  characters: number;
  pages: Uint8Array[]; // 88 octets each; a group message's FS1 signature page last
  keyId: number;
  issueTime: number;
  signature: Uint8Array;
  warningAreaCoordinates: Uint8Array;
}
