// One line per answer for a person: `THING → owner, owner (decided by FILE:LINE RULE)`, or
// `THING → nobody owns this: <why>`; a path answered for a known repository says which
// (`… (decided by FILE:LINE RULE in github.com/acme/shop)`, `THING → nobody owns this in REPO: <why>`).
import type { Owner, WhoOwnsAnswer } from '../schemas.ts';

export function answerLine(answer: WhoOwnsAnswer): string {
  const repository = answer.repository ? ` in ${answer.repository}` : '';
  if (!answer.owned) {
    const why = answer.explanation.charAt(0).toLowerCase() + answer.explanation.slice(1);
    return `${answer.thing} → nobody owns this${repository}: ${why}`;
  }
  const owners = answer.owners.map(ownerText).join(', ');
  const by = answer.decidedBy;
  const decided = by ? ` (decided by ${by.file}:${by.line} ${by.rule}${repository})` : '';
  return `${answer.thing} → ${owners}${decided}`;
}

function ownerText(owner: Owner): string {
  if (owner.codeowner !== undefined) return owner.ref ? `${owner.codeowner} (${owner.ref})` : owner.codeowner;
  const ref = owner.ref ?? '?';
  const absent = owner.inCatalog === false ? ' (not in this catalog)' : '';
  return `${owner.role === 'primary' || owner.role === 'self' ? ref : `${ref} (${owner.role})`}${absent}`;
}
