// The recent events of each topic, kept so a reconnecting client can resume where it left off.
// Bounded twice: events per topic, and topics (the least recently published is forgotten first).
import type { BusEvent } from './bus-codec.ts';

export class TopicRing {
  private readonly slots: Array<BusEvent | undefined>;
  private start = 0;
  private count = 0;

  constructor(capacity: number) {
    this.slots = new Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.count;
  }

  newest(): BusEvent | undefined {
    return this.count === 0 ? undefined : this.at(this.count - 1);
  }

  oldest(): BusEvent | undefined {
    return this.count === 0 ? undefined : this.at(0);
  }

  /**
   * Adds the next event. An event that does not follow the newest (notifications were lost, say while
   * the database connection was re-established) starts the ring afresh: answers the first missed seq.
   */
  push(event: BusEvent): number | undefined {
    const newest = this.newest();
    let missedFrom: number | undefined;
    if (newest && event.seq !== newest.seq + 1) {
      if (event.seq > newest.seq + 1) missedFrom = newest.seq + 1;
      this.start = 0;
      this.count = 0;
    }
    if (this.count < this.slots.length) {
      this.slots[(this.start + this.count) % this.slots.length] = event;
      this.count++;
    } else {
      this.slots[this.start] = event;
      this.start = (this.start + 1) % this.slots.length;
    }
    return missedFrom;
  }

  /** The events after seq `seen`, or undefined when the ring does not hold all of them. */
  after(seen: number): BusEvent[] | undefined {
    const oldest = this.oldest();
    const newest = this.newest();
    if (!oldest || !newest || seen + 1 < oldest.seq || seen > newest.seq) return undefined;
    const events: BusEvent[] = [];
    for (let i = seen + 1 - oldest.seq; i < this.count; i++) events.push(this.at(i));
    return events;
  }

  private at(index: number): BusEvent {
    return this.slots[(this.start + index) % this.slots.length] as BusEvent;
  }
}

export class RingStore {
  private readonly rings = new Map<string, TopicRing>();
  private readonly perTopic: number;
  private readonly maxTopics: number;

  constructor(perTopic: number, maxTopics: number) {
    this.perTopic = perTopic;
    this.maxTopics = maxTopics;
  }

  get(topic: string): TopicRing | undefined {
    return this.rings.get(topic);
  }

  /** Forgets every topic's events: after notifications were lost, what is kept has holes. */
  clear(): void {
    this.rings.clear();
  }

  /** Records an event; answers the first missed seq when it does not follow the topic's newest. */
  push(event: BusEvent): number | undefined {
    let ring = this.rings.get(event.topic);
    if (ring) {
      this.rings.delete(event.topic); // re-inserted last: Map order is then least recently published first
    } else {
      ring = new TopicRing(this.perTopic);
      if (this.rings.size >= this.maxTopics) {
        const stalest = this.rings.keys().next().value;
        if (stalest !== undefined) this.rings.delete(stalest);
      }
    }
    this.rings.set(event.topic, ring);
    return ring.push(event);
  }
}

export type ResumePlan = { replay: BusEvent[] } | { gap: string };

/** What a client that saw up to `seen` gets, when this process's ring can tell; else undefined. */
export function planFromRing(ring: TopicRing | undefined, seen: number): ResumePlan | undefined {
  const replay = ring?.after(seen);
  return replay ? { replay } : undefined;
}

/** Decides with the topic's last seq in the database (`latest`) what the ring alone could not. */
export function planWithLatest(ring: TopicRing | undefined, seen: number, latest: number): ResumePlan {
  const fromRing = planFromRing(ring, seen);
  if (fromRing) return fromRing;
  // Nothing after `seen` existed when the database answered; anything newer arrives live.
  if (latest === seen && (ring?.newest()?.seq ?? 0) <= seen) return { replay: [] };
  if (latest < seen) {
    return { gap: `this topic's history ends at seq ${latest}, before ${seen}: reload the topic state` };
  }
  return { gap: `events after seq ${seen} are no longer kept: reload the topic state` };
}
