// The team hierarchy is a forest: a team may not end up beneath itself.

/**
 * Answers the loop that putting `team` under a parent would make, or null when there is none.
 * `parentChain` is the would-be parent followed by its ancestors up to the root.
 */
export function cycleThrough(team: string, parentChain: string[]): string[] | null {
  const at = parentChain.indexOf(team);
  if (at === -1) return null;
  return [team, ...parentChain.slice(0, at + 1)];
}

export function describeCycle(team: string, parent: string, cycle: string[]): string {
  if (parent === team) return `team ${team} cannot be its own parent`;
  return `team ${team} cannot have ${parent} as its parent: the hierarchy would loop (${cycle.join(' → ')}); choose a parent that is not beneath ${team}`;
}
