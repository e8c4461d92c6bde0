// One language of an alert as it goes on air: the pages, their signature and geofence.
export interface BroadcastMessage {
  id: string;
  alertId: string;
  language: string;
  messageIdentifier: number;
  serialNumber: number;
  codeCycle: number;
  dcs: number;
  // 'data': a group message, AES-256-GCM sealed under groupKeyId and sent as 8-bit data.
  alphabet: 'gsm7' | 'ucs2' | 'data';
  groupKeyId: number | null;
  characters: number;
  pages: Uint8Array[]; // 88 octets each, the FS1 signature page last
  keyId: number;
  issueTime: number;
  signature: Uint8Array;
  warningAreaCoordinates: Uint8Array;
}
