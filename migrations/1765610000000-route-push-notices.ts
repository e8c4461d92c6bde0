import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14, liveness: an uplink route going down or coming back (audit uplink.route-down / -up)
// is a browser notification too. Such a notice names a gateway, not an alert.
export class RoutePushNotices1765610000000 implements MigrationInterface {
  name = 'RoutePushNotices1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE push_notifications DROP CONSTRAINT push_notifications_kind_check`);
    await q.query(`ALTER TABLE push_notifications ADD CONSTRAINT push_notifications_kind_check CHECK (kind IN ('approval-needed','released','on-air','delivery-failures','cancelled','route-down','route-up'))`);
    await q.query(`ALTER TABLE push_notifications ALTER COLUMN alert_id DROP NOT NULL`);
    await q.query(`ALTER TABLE push_notifications ADD CONSTRAINT push_notifications_alert_named CHECK ((alert_id IS NULL) = (kind IN ('route-down','route-up')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM push_notifications WHERE kind IN ('route-down','route-up')`);
    await q.query(`ALTER TABLE push_notifications DROP CONSTRAINT push_notifications_alert_named`);
    await q.query(`ALTER TABLE push_notifications ALTER COLUMN alert_id SET NOT NULL`);
    await q.query(`ALTER TABLE push_notifications DROP CONSTRAINT push_notifications_kind_check`);
    await q.query(`ALTER TABLE push_notifications ADD CONSTRAINT push_notifications_kind_check CHECK (kind IN ('approval-needed','released','on-air','delivery-failures','cancelled'))`);
  }
}
