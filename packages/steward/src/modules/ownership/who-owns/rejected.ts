// An entity asked about that the catalog rejected for errors is no "not in the catalog": the answer
// says it was rejected, where, and why. Looked up when asked (in the database every server shares),
// only for the entity questions the index could not answer.
import type { RejectedEntity, WhoOwnsAnswer } from '../schemas.ts';
import { list, unowned } from './decide.ts';
import type { Thing } from './thing.ts';

type LoadRejections = (wanted: { refs: string[]; names: string[] }) => Promise<RejectedEntity[]>;

export async function withRejections(
  things: readonly Thing[],
  answers: WhoOwnsAnswer[],
  load: LoadRejections,
): Promise<WhoOwnsAnswer[]> {
  // Unanswered entity questions, and bare words read as paths: a rejected entity of that name comes first.
  const open = things.flatMap((thing, at) => {
    const answer = answers[at];
    const unanswered = answer?.kind === 'entity' && answer.decidedBy === null;
    return thing.kind === 'entity' && (unanswered || answer?.kind === 'path') ? [{ thing, at }] : [];
  });
  if (open.length === 0) return answers;
  const refs = open.flatMap(({ thing }) =>
    thing.kind === 'entity' && thing.ref !== null ? [thing.ref] : [],
  );
  const names = open.flatMap(({ thing }) =>
    thing.kind === 'entity' && thing.ref === null ? [thing.name.toLowerCase()] : [],
  );
  const rejections = await load({ refs, names });
  if (rejections.length === 0) return answers;
  const result = [...answers];
  for (const { thing, at } of open) {
    if (thing.kind !== 'entity') continue;
    const matching = rejections.filter((r) =>
      thing.ref !== null ? r.ref === thing.ref : r.ref.endsWith(`/${thing.name.toLowerCase()}`),
    );
    const [rejected] = matching;
    if (matching.length === 1 && rejected) result[at] = rejectedAnswer(thing.text, rejected);
  }
  return result;
}

export function rejectedAnswer(thing: string, rejected: RejectedEntity): WhoOwnsAnswer {
  const problems = rejected.problems.map((p) => `${p.message} (${p.file}:${p.line}:${p.column})`);
  const explanation = `${rejected.ref} was rejected: ${list(problems)}; it is not in the catalog until ${rejected.file} is fixed and source ${rejected.source.name} is read again.`;
  const decidedBy = {
    source: 'entity' as const,
    file: rejected.file,
    line: rejected.line,
    rule: `rejected for ${rejected.problems.length === 1 ? 'an error' : `${rejected.problems.length} errors`}`,
    entity: rejected.ref,
  };
  return { ...unowned({ thing, kind: 'entity' }, decidedBy, explanation), rejected };
}
