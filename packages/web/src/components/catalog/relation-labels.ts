// Relation types read as phrases, from either end: `A dependsOn B` is "Depends on" on A's page and
// "Depended on by" on B's. A type Steward does not know reads as written.

const phrases: Record<string, { outgoing: string; incoming: string }> = {
  dependsOn: { outgoing: 'Depends on', incoming: 'Depended on by' },
  dependencyOf: { outgoing: 'Dependency of', incoming: 'Depends on' },
  consumesApi: { outgoing: 'Consumes API', incoming: 'Consumed by' },
  apiConsumedBy: { outgoing: 'API consumed by', incoming: 'Consumes API' },
  providesApi: { outgoing: 'Provides API', incoming: 'Provided by' },
  apiProvidedBy: { outgoing: 'API provided by', incoming: 'Provides API' },
  partOf: { outgoing: 'Part of', incoming: 'Has part' },
  hasPart: { outgoing: 'Has part', incoming: 'Part of' },
  ownedBy: { outgoing: 'Owned by', incoming: 'Owns' },
  ownerOf: { outgoing: 'Owns', incoming: 'Owned by' },
  escalatesWith: { outgoing: 'Escalation policy', incoming: 'Pages for' },
  escalationPolicyOf: { outgoing: 'Pages for', incoming: 'Escalation policy' },
  notifies: { outgoing: 'Notifies', incoming: 'Notified by' },
  notifiedBy: { outgoing: 'Notified by', incoming: 'Notifies' },
  hasOnCallMember: { outgoing: 'On-call members', incoming: 'On call in' },
  onCallIn: { outgoing: 'On call in', incoming: 'On-call members' },
  memberOf: { outgoing: 'Member of', incoming: 'Has member' },
  hasMember: { outgoing: 'Has member', incoming: 'Member of' },
  childOf: { outgoing: 'Child of', incoming: 'Parent of' },
  parentOf: { outgoing: 'Parent of', incoming: 'Child of' },
};

export function relationPhrase(type: string, direction: 'outgoing' | 'incoming'): string {
  return phrases[type]?.[direction] ?? type;
}

/** The order groups are shown in: what an entity is for first, membership and ownership last. */
const order = Object.keys(phrases);
export function compareRelationTypes(a: string, b: string): number {
  const rank = (type: string) => (order.includes(type) ? order.indexOf(type) : order.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}
