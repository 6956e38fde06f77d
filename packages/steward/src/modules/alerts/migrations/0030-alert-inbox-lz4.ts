// Inbox rows on PostgreSQL now come as plain text (deflating them cost the server's one thread):
// PostgreSQL compresses them itself, with lz4 where it was built with it, which costs a fraction of
// its default compression and writes less than the rows would uncompressed. The embedded database
// has no lz4, and its rows come deflated already: there the column stays stored as it is.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$ begin
      alter table alert_inbox alter column items set compression lz4;
      alter table alert_inbox alter column items set storage extended;
    exception when feature_not_supported then
      null;
    end $$`.execute(db);
}
