// Who owns an entity: its declared owners, primary first, checked against the catalog. A bare name
// picks the one entity of that name, a Component when several kinds share it, and lists the rest.
import type { CatalogEntity } from '../../catalog/index.ts';
import type { Provenance, WhoOwnsAnswer, WhoOwnsCandidate } from '../schemas.ts';
import { list, missingNote, owned, ownerWords, type Question, unowned, where } from './decide.ts';
import { displayName, isKind, provenanceAt } from './entity-fields.ts';
import { entitiesNamed } from './name-lists.ts';
import { ownersOf } from './owners.ts';
import type { OwnershipIndex } from './ownership-index.ts';
import type { Thing } from './thing.ts';

type EntityThing = Extract<Thing, { kind: 'entity' }>;

const preferredKinds = ['Component', 'Service'];

export function resolveEntity(thing: EntityThing, index: OwnershipIndex): WhoOwnsAnswer {
  const question: Question = { thing: thing.text, kind: 'entity' };
  if (thing.ref !== null) {
    const entity = index.byRef.get(thing.ref);
    if (entity) return entityAnswer(entity, question, index);
    const name = thing.ref.slice(thing.ref.indexOf('/') + 1);
    const others = entitiesNamed(index.byName, name).map((e) => e.ref);
    const hint = others.length > 0 ? ` (it has ${list(others)} by that name)` : '';
    return unowned(question, null, `${thing.ref} is not in the catalog${hint}.`);
  }
  const named = entitiesNamed(index.byName, thing.name.toLowerCase());
  if (named.length === 0) return unowned(question, null, `No entity in the catalog is named ${thing.name}.`);
  const preferred = named.length === 1 ? named : named.filter((e) => isKind(e, ...preferredKinds));
  const [chosen] = preferred;
  if (preferred.length === 1 && chosen) {
    const others = named
      .filter((e) => e !== chosen)
      .map((e) => otherNamed(e, index, `also named ${thing.name}; a bare name means the ${chosen.kind}`));
    return entityAnswer(chosen, question, index, others);
  }
  const refs = named.map((e) => e.ref);
  const candidates = named.map((e) =>
    otherNamed(e, index, `one of ${named.length} entities named ${thing.name}`),
  );
  const example = (preferred[0] ?? (named[0] as CatalogEntity)).ref;
  return unowned(
    question,
    null,
    `${thing.name} names ${named.length} entities (${list(refs)}): ask for one by its ref, e.g. ${example}.`,
    candidates,
  );
}

function entityAnswer(
  entity: CatalogEntity,
  question: Question,
  index: OwnershipIndex,
  candidates: WhoOwnsCandidate[] = [],
): WhoOwnsAnswer {
  if (isKind(entity, 'Group')) {
    const owner = { ref: entity.ref, role: 'self', ...nameOf(entity) };
    const decidedBy = provenanceAt(entity, 'entity', 'kind: Group');
    return owned(question, [owner], decidedBy, `${entity.ref} is a team: it answers for itself.`, candidates);
  }
  const decidedBy = ownerProvenance(entity);
  if (!decidedBy) {
    const why = isKind(entity, 'User')
      ? 'is a person: people own things, nothing owns them'
      : 'declares no owner';
    return unowned(
      question,
      provenanceAt(entity, 'entity', 'no owner declared'),
      `${entity.ref} ${why}.`,
      candidates,
    );
  }
  const { owners, missing } = ownersOf(entity, index.byRef);
  const said = `as ${decidedBy.rule} says at ${where(decidedBy)}`;
  const explanation = `${entity.ref} is owned by ${ownerWords(owners)}, ${said}${missingNote(missing)}.`;
  return owned(question, owners, decidedBy, explanation, candidates);
}

/** Where the owners are written: the primary owner's ref, with the field as the rule. */
function ownerProvenance(entity: CatalogEntity): Provenance | undefined {
  const primary = entity.owners.find((o) => o.role === 'primary') ?? entity.owners[0];
  if (!primary) return undefined;
  const spec = entity.spec;
  const rule =
    typeof spec.owner === 'string'
      ? `spec.owner: ${spec.owner}`
      : `spec.owners: ${entity.owners.map((o) => `${o.ref} (${o.role})`).join(', ')}`;
  const { file, line, column } = primary.position;
  return { source: 'entity', file, line, column, rule, entity: entity.ref };
}

function otherNamed(entity: CatalogEntity, index: OwnershipIndex, reason: string): WhoOwnsCandidate {
  const decidedBy = ownerProvenance(entity) ?? provenanceAt(entity, 'entity', 'no owner declared');
  return { owners: ownersOf(entity, index.byRef).owners, decidedBy, reason };
}

function nameOf(entity: CatalogEntity): { name?: string } {
  const name = displayName(entity);
  return name === undefined ? {} : { name };
}
