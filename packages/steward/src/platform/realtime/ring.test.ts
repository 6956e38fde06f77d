import { describe, expect, it } from 'vitest';
import type { BusEvent } from './bus-codec.ts';
import { planWithLatest, RingStore, TopicRing } from './ring.ts';

const event = (seq: number, topic = 'team:a'): BusEvent => ({ topic, seq, json: `{"seq":${seq}}` });
const seqs = (events: BusEvent[] | undefined) => events?.map((e) => e.seq);

function ringOf(capacity: number, ...numbers: number[]): TopicRing {
  const ring = new TopicRing(capacity);
  for (const n of numbers) ring.push(event(n));
  return ring;
}

describe('a topic ring', () => {
  it('keeps the newest events up to its capacity and replays those after a seq', () => {
    const ring = ringOf(3, 1, 2, 3, 4, 5);
    expect(ring.oldest()?.seq).toBe(3);
    expect(ring.newest()?.seq).toBe(5);
    expect(seqs(ring.after(2))).toEqual([3, 4, 5]);
    expect(seqs(ring.after(4))).toEqual([5]);
    expect(seqs(ring.after(5))).toEqual([]);
  });

  it('cannot replay from before its oldest event, nor past its newest', () => {
    const ring = ringOf(3, 1, 2, 3, 4, 5);
    expect(ring.after(1)).toBeUndefined(); // 2 is gone
    expect(ring.after(6)).toBeUndefined(); // the client claims more than this process has seen
    expect(new TopicRing(3).after(0)).toBeUndefined();
  });

  it('starts afresh at a missing seq and says which was the first missed', () => {
    const ring = ringOf(5, 1, 2);
    expect(ring.push(event(5))).toBe(3);
    expect(ring.oldest()?.seq).toBe(5);
    expect(ring.after(2)).toBeUndefined();
    expect(ring.push(event(6))).toBeUndefined();
  });
});

describe('the ring store', () => {
  it('forgets the least recently published topic first', () => {
    const store = new RingStore(2, 2);
    store.push(event(1, 'team:a'));
    store.push(event(1, 'team:b'));
    store.push(event(2, 'team:a')); // a is now fresher than b
    store.push(event(1, 'team:c'));
    expect(store.get('team:b')).toBeUndefined();
    expect(seqs(store.get('team:a')?.after(0))).toEqual([1, 2]);
    expect(seqs(store.get('team:c')?.after(0))).toEqual([1]);
  });
});

describe('resuming with the database latest seq', () => {
  it('replays nothing and does not gap when nothing happened since', () => {
    expect(planWithLatest(undefined, 7, 7)).toEqual({ replay: [] });
    expect(planWithLatest(ringOf(4, 3, 4), 7, 7)).toEqual({ replay: [] }); // 5..7 still on their way
  });

  it('gaps from the seq after the one seen when events were missed', () => {
    expect(planWithLatest(undefined, 3, 7)).toEqual({
      gap: 'events after seq 3 are no longer kept: reload the topic state',
    });
    expect(planWithLatest(ringOf(4, 9, 10), 7, 7)).toHaveProperty('gap'); // this ring began after 8 was lost
  });

  it('gaps when the client is ahead of the topic history (the database was replaced)', () => {
    expect(planWithLatest(undefined, 9, 2)).toEqual({
      gap: "this topic's history ends at seq 2, before 9: reload the topic state",
    });
  });
});
