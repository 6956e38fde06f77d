// Creating, replacing and deleting entities through the API, validated by the same engine as files.
// They belong to the `api` source; an entity read from a file or repository is changed there (409).
// Each change, its history row and its audit entry commit together.
import { recordAudit } from '../../../platform/audit/audit-log.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import type { CatalogOptions } from '../engine/model.ts';
import { findEntityRow, ownersOf } from '../store/entity-reads.ts';
import { toEntityRecord } from '../store/entity-record.ts';
import { toStoredRow } from '../store/entity-rows.ts';
import { type EntityChanges, writeEntityChanges } from '../store/entity-writes.ts';
import { replaceProblems } from '../store/problem-store.ts';
import { findSource, recountSource } from '../store/source-store.ts';
import type { CatalogDb } from '../store/tables.ts';
import { assertMayAssign, assertMayChange, type Editor, editorOf } from './edit-permissions.ts';
import { validateBody } from './validate-body.ts';

export const apiSourceId = 'api';

type Change = Pick<EntityChanges, 'created' | 'updated' | 'removed'>;

export async function createEntity(
  db: CatalogDb,
  caller: Principal,
  body: Record<string, unknown>,
  options?: CatalogOptions,
  editor: Editor = editorOf(caller),
) {
  const { entity, warnings } = await validateBody(db, body, options);
  const record = toEntityRecord(entity, null);
  assertMayAssign(editor, record.ref, record.primaryOwner);
  const existing = await findEntityRow(db, record.ref);
  if (existing) {
    throw conflict(
      `${record.ref} already exists (from the catalog source ${existing.source_id}); change it with PUT instead`,
    );
  }
  await commit(
    db,
    caller,
    record.ref,
    { created: [toStoredRow(record)], updated: [], removed: [] },
    async (trx) => {
      await replaceProblems(trx, apiSourceId, warnings, record.ref);
      await recordAudit(trx, {
        actor: caller.handle,
        action: 'entity.create',
        subjectType: 'entity',
        subjectId: record.ref,
        after: record.body,
      });
    },
  );
  return record.ref;
}

export async function replaceEntity(
  db: CatalogDb,
  caller: Principal,
  ref: string,
  body: Record<string, unknown>,
  options?: CatalogOptions,
  editor: Editor = editorOf(caller),
) {
  const before = await editableRow(db, ref);
  assertMayChange(
    editor,
    ref,
    (await ownersOf(db, ref)).map((o) => o.owner_ref),
  );
  const { entity, warnings } = await validateBody(db, body, options);
  if (entity.ref !== ref) {
    const message = `describes ${entity.ref} but the URL names ${ref}; to rename an entity, create the new one and delete this one`;
    throw invalid(`body.metadata.name: ${message}`, [{ field: 'body.metadata.name', message }]);
  }
  const record = toEntityRecord(entity, null);
  assertMayAssign(editor, ref, record.primaryOwner);
  const updated = record.hash === before.content_hash ? [] : [toStoredRow(record)];
  await commit(db, caller, ref, { created: [], updated, removed: [] }, async (trx) => {
    await replaceProblems(trx, apiSourceId, warnings, ref);
    if (updated.length === 0) return;
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'entity.update',
      subjectType: 'entity',
      subjectId: ref,
      before: before.body as object,
      after: record.body,
    });
  });
}

export async function deleteEntity(
  db: CatalogDb,
  caller: Principal,
  ref: string,
  editor: Editor = editorOf(caller),
) {
  const before = await editableRow(db, ref);
  assertMayChange(
    editor,
    ref,
    (await ownersOf(db, ref)).map((o) => o.owner_ref),
  );
  await commit(db, caller, ref, { created: [], updated: [], removed: [ref] }, async (trx) => {
    await replaceProblems(trx, apiSourceId, [], ref);
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'entity.delete',
      subjectType: 'entity',
      subjectId: ref,
      before: before.body as object,
    });
  });
}

async function editableRow(db: CatalogDb, ref: string) {
  const row = await findEntityRow(db, ref);
  if (!row) throw notFound(`no entity ${ref} in the catalog`);
  if (row.source_id === apiSourceId) return row;
  const source = await findSource(db, row.source_id);
  const where = row.file ? ` at ${row.file}:${row.line}` : '';
  throw conflict(
    `${ref} comes from the catalog source "${source?.name ?? row.source_id}" (${source?.kind ?? '?'} ${source?.target ?? ''})${where}; change it there and import again: the API changes only entities created through it`,
  );
}

async function commit(
  db: CatalogDb,
  caller: Principal,
  ref: string,
  change: Change,
  alongside: (trx: CatalogDb) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const written = await writeEntityChanges(trx, {
      ...change,
      moved: [],
      sourceId: apiSourceId,
      actor: `user:${caller.handle}`,
      revision: null,
    });
    if (written.conflicts.length > 0)
      throw conflict(`${ref} was created by someone else a moment ago; fetch it and try again`);
    await alongside(trx);
    await recountSource(trx, apiSourceId);
  });
}
