// What a test or an operator has done to a simulated gateway: up, down (it answers, refusing
// every request as unavailable) or silent (it takes the connection and never answers, as a
// gateway whose process hangs or whose link drops packets does).
export type GatewayState = 'up' | 'down' | 'silent';

export const GATEWAY_STATES: readonly GatewayState[] = ['up', 'down', 'silent'];

export class GatewayFaults {
  private readonly states = new Map<string, GatewayState>();

  stateOf(gatewayId: string): GatewayState {
    return this.states.get(gatewayId) ?? 'up';
  }

  set(gatewayId: string, state: GatewayState): void {
    if (state === 'up') this.states.delete(gatewayId);
    else this.states.set(gatewayId, state);
  }

  all(): Record<string, GatewayState> {
    return Object.fromEntries(this.states);
  }
}
