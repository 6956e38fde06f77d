// Deliveries may also be incident notices (a role assigned, a status update due), beside alerts and
// shift notices.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notification_deliveries drop constraint notification_deliveries_kind_check`.execute(
    db,
  );
  await sql`alter table notification_deliveries add constraint notification_deliveries_kind_check check (kind in ('alert', 'shift', 'incident'))`.execute(
    db,
  );
}
