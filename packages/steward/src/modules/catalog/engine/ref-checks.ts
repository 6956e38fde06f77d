// What a ref in a relation field comes to, the way Backstage's catalog reads it: an error only where
// Backstage's parseEntityRef throws; a warning where the ref can never resolve (an e-mail address or
// a display name written for an owner or a system) or points at a kind the field does not usually
// hold (an owner that is a Component). Either way Backstage keeps the entity, and so does Steward.
import type { ProblemCode, RelationField } from './model.ts';
import { quoteToken } from './quote-token.ts';
import {
  describeKinds,
  type EntityName,
  parseEntityRef,
  refPartProblems,
  stringifyEntityRef,
} from './refs.ts';

/**
 * Longest ref (in UTF-8 bytes) recorded as a relation. Refs are indexed, and PostgreSQL refuses an
 * index entry over about 2.7 kB; a ref of valid parts is at most 191 characters.
 */
export const maxRecordedRefBytes = 1024;

export interface RefWarning {
  code: ProblemCode;
  message: string;
}

export type CheckedRef =
  | {
      ok: true;
      /** The canonical ref, lower-cased; undefined when it is too long to record. */
      targetRef: string | undefined;
      /** False when no entity can have this ref: its absence is no news (no `dangling-ref`). */
      resolvable: boolean;
      warnings: RefWarning[];
    }
  | { ok: false; message: string };

export function checkRef(field: RelationField, text: string, namespace: string): CheckedRef {
  const parsed = parseEntityRef(text, { defaultKind: field.defaultKind, defaultNamespace: namespace });
  if (!parsed.ok) return parsed;
  const canonical = stringifyEntityRef(parsed.ref);
  const recordable = Buffer.byteLength(canonical) <= maxRecordedRefBytes;
  const targetRef = recordable ? canonical : undefined;
  const problems = refPartProblems(parsed.ref, text);
  if (problems.length > 0) {
    const kept = !recordable
      ? 'it is too long to record as a relation'
      : canonical.length <= 100
        ? `it is kept as the ref ${canonical}`
        : 'it is kept as written';
    const listed = problems.join('; ');
    const what = listed.startsWith('it ') ? listed.slice(3) : `is not a ref an entity can have: ${listed}`;
    const message = `${quoteToken(text)} ${what}, so it resolves to nothing (${kept}). Name the entity it means, e.g. ${example(field, parsed.ref)}`;
    return { ok: true, targetRef, resolvable: false, warnings: [{ code: 'nonstandard-ref', message }] };
  }
  const expected = field.allowedKinds;
  const expectedKind = !expected || expected.some((k) => k.toLowerCase() === parsed.ref.kind.toLowerCase());
  if (!expectedKind && field.mustExist) {
    // Steward's own fields, not Backstage's: on-call cannot page a Component, so this is an error.
    const message = `${quoteToken(text)} points at a ${parsed.ref.kind}, where ${describeKinds(expected ?? [])} is expected: name one, e.g. ${example(field, parsed.ref)}`;
    return { ok: false, message };
  }
  if (!expectedKind && expected) {
    const message = `${quoteToken(text)} points at a ${parsed.ref.kind}, where ${describeKinds(expected)} is expected; the ${field.relation} relation is recorded as written (Backstage accepts any kind here), but check that the ref means what it says`;
    return { ok: true, targetRef, resolvable: true, warnings: [{ code: 'unusual-ref-kind', message }] };
  }
  return { ok: true, targetRef, resolvable: true, warnings: [] };
}

/** A ref of the field's usual kind made from what was written: `John@Example.com` → user:john. */
function example(field: RelationField, ref: EntityName): string {
  const at = ref.name.indexOf('@');
  const person = at !== -1 && field.allowedKinds?.some((k) => k.toLowerCase() === 'user');
  const kind = person ? 'user' : (field.allowedKinds?.[0] ?? field.defaultKind ?? ref.kind).toLowerCase();
  const local = at === -1 ? ref.name : ref.name.slice(0, at);
  const slug = local
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .slice(0, 40)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  const validKind = /^[a-z][a-z0-9]{0,62}$/.test(kind) ? kind : 'component';
  return `${validKind}:${slug === '' || local.length > 40 ? 'name' : slug}`;
}
