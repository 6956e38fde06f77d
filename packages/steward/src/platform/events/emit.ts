// Emitting a domain event: one row in the caller's transaction, so the event exists if and only if
// the change it describes committed. Its seq is given as the transaction commits (migration 0009):
// emitters do not wait on each other while they work, only for the moment of committing.
import { CompiledQuery } from 'kysely';
import type { AnyKysely } from '../audit/audit-log.ts';
import { invalid } from '../errors.ts';
import type { EventDefinition } from './definition.ts';

/** Larger data belongs in the database the event points at. */
export const maxEventDataBytes = 512 * 1024;

export async function emit<Data>(trx: AnyKysely, event: EventDefinition<Data>, data: Data): Promise<void> {
  const json = JSON.stringify(event.parse(data));
  const bytes = Buffer.byteLength(json);
  if (bytes > maxEventDataBytes) {
    throw invalid(
      `the ${event.name} event's data is ${bytes} bytes of JSON; at most ${maxEventDataBytes}: carry refs and ids, split a large change into several events`,
    );
  }
  await trx.executeQuery(
    CompiledQuery.raw('insert into steward_event (name, data) values ($1, $2::jsonb)', [event.name, json]),
  );
}
