import { move } from './move-alert';
import type { AlertStore, Clock } from './ports';

export interface ExpiryStore {
  onAirExpiredBefore(now: Date, limit: number): Promise<string[]>;
}

// Alerts on air past their expiry leave the air by themselves (the uplink repetition
// ends at expiry); this records it.
export class ExpireAlerts {
  constructor(
    private readonly alerts: AlertStore,
    private readonly expiry: ExpiryStore,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    const ids = await this.expiry.onAirExpiredBefore(this.clock.now(), 100);
    let n = 0;
    for (const id of ids) {
      await this.alerts.transaction(async (tx) => {
        const alert = await tx.findAlertForUpdate(id);
        if (alert && (alert.state === 'active' || alert.state === 'broadcasting') && alert.expiresAt <= this.clock.now()) {
          await move(tx, alert, 'expired', { id: 'expiry', kind: 'system' }, this.clock);
          n++;
        }
      });
    }
    return n;
  }
}
