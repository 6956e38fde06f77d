// A person's contact methods: added, listed (secrets redacted), removed, and tried with a test send.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import { addressLabel, checkAddress } from './addresses.ts';
import { assertMayManage, type HasPerson, personRef } from './people.ts';
import type { ContactMethod, NewContactMethod } from './schemas.ts';
import type { Senders } from './senders/index.ts';
import {
  type ContactMethodRow,
  type Db,
  deleteMethod,
  findMethod,
  insertMethod,
  listMethods,
} from './store.ts';

export interface MethodsContext {
  db: Db;
  hasPerson: HasPerson;
  senders: Senders;
}

export function toContactMethod(row: ContactMethodRow): ContactMethod {
  return {
    id: row.id,
    person: row.person,
    type: row.type,
    address: addressLabel(row.type, row.address),
    createdAt: row.created_at.toISOString(),
  };
}

export async function addContactMethod(
  ctx: MethodsContext,
  caller: Principal,
  handle: string,
  input: NewContactMethod,
): Promise<ContactMethod> {
  await assertMayManage(ctx.hasPerson, caller, handle);
  const address = checkAddress(input.type, input.address);
  const row = await insertMethod(ctx.db, { id: randomUUID(), person: handle, type: input.type, address });
  return toContactMethod(row);
}

/** Adds the method unless the person has it already (same type and address); for seeding, not callers. */
export async function ensureContactMethod(
  ctx: MethodsContext,
  handle: string,
  input: NewContactMethod,
): Promise<{ added: boolean }> {
  const address = checkAddress(input.type, input.address);
  const had = await listMethods(ctx.db, handle);
  if (had.some((m) => m.type === input.type && m.address === address)) return { added: false };
  await insertMethod(ctx.db, { id: randomUUID(), person: handle, type: input.type, address });
  return { added: true };
}

export async function listContactMethods(
  ctx: MethodsContext,
  caller: Principal,
  handle: string,
): Promise<ContactMethod[]> {
  await assertMayManage(ctx.hasPerson, caller, handle);
  return (await listMethods(ctx.db, handle)).map(toContactMethod);
}

export async function removeContactMethod(
  ctx: MethodsContext,
  caller: Principal,
  handle: string,
  id: string,
): Promise<ContactMethod> {
  await assertMayManage(ctx.hasPerson, caller, handle);
  const row = await requireMethod(ctx.db, handle, id);
  await deleteMethod(ctx.db, handle, id);
  return toContactMethod(row);
}

/** Sends a test message now, not as a job: the caller wants to see whether it arrives. */
export async function testContactMethod(
  ctx: MethodsContext,
  caller: Principal,
  handle: string,
  id: string,
): Promise<{ sent: boolean; detail: string }> {
  await assertMayManage(ctx.hasPerson, caller, handle);
  const row = await requireMethod(ctx.db, handle, id);
  const outcome = await ctx.senders.send(row, {
    alert: {
      id: 'test',
      status: 'test',
      service: null,
      team: null,
      summary: `Test notification for ${handle} from Steward`,
      labels: {},
    },
    person: personRef(handle),
    level: 1,
    links: { acknowledge: '', resolve: '' },
    idempotencyKey: `test-${randomUUID()}`,
  });
  if (outcome.kind === 'sent') return { sent: true, detail: outcome.detail };
  return { sent: false, detail: outcome.reason };
}

async function requireMethod(db: Db, handle: string, id: string): Promise<ContactMethodRow> {
  const row = await findMethod(db, id);
  if (!row || row.person !== handle) {
    throw notFound(
      `${handle} has no contact method with id ${JSON.stringify(id)}; GET /api/v1/users/${handle}/contact-methods lists them`,
    );
  }
  return row;
}
