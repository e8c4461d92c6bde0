import { Logger } from '@nestjs/common';
import type { Alert } from '@faro/alerts';
import type { ApproverNotifier, Sensor, SensorAuditTrail } from '@faro/sensors';

// The approvers' notice is an entry on the audit chain and a log line. Web push needs no call
// here: the worker's push relay notifies approvers from the alert's own pending_approval entry
// (docs/architecture.md, "Web push").
export class AuditingApproverNotifier implements ApproverNotifier {
  private readonly log = new Logger('ApproverNotifier');

  constructor(private readonly audit: SensorAuditTrail) {}

  async awaitingApproval({ alert, sensor, reason }: { alert: Alert; sensor: Sensor; reason?: string }): Promise<void> {
    const details = { sensorId: sensor.id, sensorName: sensor.name, jurisdictionId: alert.jurisdictionId, channel: 'audit-log', ...(reason ? { reason } : {}) };
    await this.audit.append({ actor: 'system:notifier', action: 'alert.approval-requested', subjectType: 'alert', subjectId: alert.id, details });
    this.log.log({ alertId: alert.id, ...details }, `alert ${alert.id} from sensor ${sensor.name} awaits an approver of ${alert.jurisdictionId}`);
  }
}
