// What a handset remembers of the broadcasts it has accepted, so the same broadcast received again
// (a network repetition, or a recording played back) is not shown twice. TS 23.041 §9.4.1.2.1: an
// Update or a Cancel keeps the message code and bumps the update number, so a new update number is
// a new message, not a replay.
export interface AcceptedBroadcast {
  messageIdentifier: number;
  messageCode: number;
  updateNumber: number;
}

export class ReplayMemory {
  private readonly accepted = new Set<string>();

  hasAccepted(b: AcceptedBroadcast): boolean {
    return this.accepted.has(replayKey(b));
  }

  remember(b: AcceptedBroadcast): void {
    this.accepted.add(replayKey(b));
  }

  get size(): number {
    return this.accepted.size;
  }
}

function replayKey(b: AcceptedBroadcast): string {
  return `${b.messageIdentifier}:${b.messageCode}:${b.updateNumber}`;
}
