// "Who owns this?": one answer for any thing, with its owners, what decided, the matches that lost
// and one sentence for a person. Pure: the index holds everything the answer needs.
import type { WhoOwnsAnswer } from '../schemas.ts';
import type { OwnershipIndex } from './ownership-index.ts';
import { knownPath, type PathContext, resolvePath } from './path-repositories.ts';
import { resolveAlert } from './resolve-alert.ts';
import { resolveEntity } from './resolve-entity.ts';
import { resolveKubernetes } from './resolve-kubernetes.ts';
import { resolveUrl } from './resolve-url.ts';
import { parseThing, type Thing, type ThingOptions } from './thing.ts';

export type ResolveContext = PathContext;

export function resolveOwnership(
  thing: Thing,
  index: OwnershipIndex,
  context: ResolveContext = {},
): WhoOwnsAnswer {
  switch (thing.kind) {
    case 'entity':
      return entityOrPath(thing, index, context);
    case 'path':
      return resolvePath(thing, index, context);
    case 'kubernetes':
      return resolveKubernetes(thing, index);
    case 'alert':
      return resolveAlert(thing, index);
    case 'url':
      return resolveUrl(thing, index);
  }
}

/** A bare word no entity is named, that is a path a known repository has an answer for, is that path. */
function entityOrPath(
  thing: Extract<Thing, { kind: 'entity' }>,
  index: OwnershipIndex,
  context: ResolveContext,
): WhoOwnsAnswer {
  const answer = resolveEntity(thing, index);
  if (thing.ref !== null || index.byName.has(thing.name.toLowerCase())) return answer;
  const path = knownPath({ kind: 'path', text: thing.text, path: thing.name }, index, context);
  if (!path) return answer;
  return {
    ...path,
    explanation: `No entity is named ${thing.name}, so it was read as a path: ${path.explanation}`,
  };
}

export interface BadThing {
  /** Position in the input, 0-based. */
  index: number;
  thing: string;
  message: string;
}

/** Reads every thing first: one bad thing answers nothing, so a caller never acts on half a list. */
export function parseThings(
  texts: readonly string[],
  options: ThingOptions = {},
): { things: Thing[]; bad: BadThing[] } {
  const things: Thing[] = [];
  const bad: BadThing[] = [];
  texts.forEach((text, index) => {
    const parsed = parseThing(text, options);
    if (parsed.ok) things.push(parsed.thing);
    else bad.push({ index, thing: text, message: parsed.message });
  });
  return { things, bad };
}
