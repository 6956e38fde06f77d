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
  const json = checkedJson(event, data);
  await trx.executeQuery(
    CompiledQuery.raw('insert into steward_event (name, data) values ($1, $2::jsonb)', [event.name, json]),
  );
}

/**
 * Many events of one kind in one statement (a request that opened a hundred alerts): the same as
 * emitting each in turn, in this order, but one round trip. Nothing is written if any data is wrong.
 */
export async function emitMany<Data>(
  trx: AnyKysely,
  event: EventDefinition<Data>,
  data: readonly Data[],
): Promise<void> {
  const texts = data.map((one) => checkedJson(event, one));
  // Two parameters a row and PostgreSQL takes at most 65,535 a statement.
  for (let at = 0; at < texts.length; at += emitChunk) {
    const chunk = texts.slice(at, at + emitChunk);
    const rows = chunk.map((_, i) => `($1, $${i + 2}::jsonb)`).join(', ');
    // Rows of one multi-row insert take their insert ids in the order listed; seqs at commit follow.
    await trx.executeQuery(
      CompiledQuery.raw(`insert into steward_event (name, data) values ${rows}`, [event.name, ...chunk]),
    );
  }
}

const emitChunk = 10_000;

function checkedJson<Data>(event: EventDefinition<Data>, data: Data): string {
  const json = JSON.stringify(event.parse(data));
  const bytes = Buffer.byteLength(json);
  if (bytes > maxEventDataBytes) {
    throw invalid(
      `the ${event.name} event's data is ${bytes} bytes of JSON; at most ${maxEventDataBytes}: carry refs and ids, split a large change into several events`,
    );
  }
  return json;
}
