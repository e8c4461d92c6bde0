// Whether a gateway restarted empty, from the boot id its heartbeat carries: a gateway names the
// epoch of what it holds on air, and a new id means it lost every broadcast it was repeating
// (docs/gateway-protocol.md, heartbeat). The first id heard from a gateway is only learnt: the
// worker cannot tell what happened before it watched.
export type BootVerdict = 'first' | 'same' | 'restarted';

export class GatewayBoots {
  private readonly boots = new Map<string, string>();

  bootOf(gatewayId: string): string | undefined {
    return this.boots.get(gatewayId);
  }

  observe(gatewayId: string, bootId: string | undefined): BootVerdict {
    // A gateway that names no epoch never reports a restart: nothing can be concluded from it.
    if (!bootId) return 'same';
    const known = this.boots.get(gatewayId);
    this.boots.set(gatewayId, bootId);
    if (known === undefined) return 'first';
    return known === bootId ? 'same' : 'restarted';
  }
}

// A re-put on air after an empty restart is a new request to that gateway (it remembers the first
// id and would only acknowledge it), but the same one for every worker and retry in that epoch:
// the gateway deduplicates them, so one restart puts a message on air once more, not once per worker.
export function recoverySubmissionId(messageId: string, routeId: string, bootId: string): string {
  return `${messageId}:${routeId}:boot-${bootId}`;
}
