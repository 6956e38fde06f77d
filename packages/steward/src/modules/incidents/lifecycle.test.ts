// The lifecycle as the contract states it: the main line forward, declined and merged from every open
// state, nothing out of a final state; and reachability checked by walking the moves.
import { describe, expect, it } from 'vitest';
import { allowedMoves, canMove, incidentStates, isResolved, openStates } from './lifecycle.ts';

describe('the incident lifecycle', () => {
  it('walks the main line triage → active → mitigated → resolved → post-incident → closed', () => {
    const line = ['triage', 'active', 'mitigated', 'resolved', 'post-incident', 'closed'] as const;
    for (const [i, from] of line.slice(0, -1).entries())
      expect(canMove(from, line[i + 1] as (typeof line)[number]), from).toBe(true);
  });

  it('declines or merges from every open state, and from no other', () => {
    for (const state of incidentStates) {
      const open = openStates.includes(state);
      expect(canMove(state, 'declined'), state).toBe(open);
      expect(canMove(state, 'merged'), state).toBe(open);
    }
  });

  it('moves nowhere from a final state, and never to where it is', () => {
    for (const state of ['closed', 'declined', 'merged'] as const) expect(allowedMoves(state)).toEqual([]);
    for (const state of incidentStates) expect(canMove(state, state), state).toBe(false);
  });

  it('never goes back to triage, and reaches closed from every open state', () => {
    for (const state of incidentStates) expect(canMove(state, 'triage'), state).toBe(false);
    for (const start of openStates) {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length > 0) {
        for (const next of allowedMoves(queue.shift() as (typeof openStates)[number]))
          if (!seen.has(next as never)) {
            seen.add(next as never);
            queue.push(next as never);
          }
      }
      expect(seen.has('closed' as never), start).toBe(true);
    }
  });

  it('lets a postmortem be written from resolved on', () => {
    expect(incidentStates.filter(isResolved)).toEqual(['resolved', 'post-incident', 'closed']);
  });
});
