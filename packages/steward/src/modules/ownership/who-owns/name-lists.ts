// Entities by lower-cased name, in ref order. Most names are one entity's: such a name holds the entity
// itself rather than a list of one, which at a million entities is millions fewer objects for the
// garbage collector to walk.
import type { CatalogEntity } from '../../catalog/index.ts';
import { upperBound } from './owners.ts';

export type NameLists = Map<string, CatalogEntity | CatalogEntity[]>;

const refOf = (entity: CatalogEntity) => entity.ref;

/** The entities with this (lower-cased) name, in ref order. */
export function entitiesNamed(lists: NameLists, name: string): readonly CatalogEntity[] {
  const held = lists.get(name);
  return held === undefined ? [] : Array.isArray(held) ? held : [held];
}

export function addNamed(lists: NameLists, name: string, entity: CatalogEntity): void {
  const held = lists.get(name);
  if (held === undefined) {
    lists.set(name, entity);
    return;
  }
  const list = Array.isArray(held) ? held : [held];
  list.splice(upperBound(list, entity.ref, refOf), 0, entity);
  lists.set(name, list);
}

export function removeNamed(lists: NameLists, name: string, ref: string): void {
  const kept = entitiesNamed(lists, name).filter((entity) => entity.ref !== ref);
  if (kept.length === 0) lists.delete(name);
  else lists.set(name, kept.length === 1 ? (kept[0] as CatalogEntity) : kept);
}
