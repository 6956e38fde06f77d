// What a socket gets when it starts following a topic: the events it missed since the seq it resumes
// from (or a gap when they are gone), or for a whole-state topic its current state; then live events.
import type { Logger } from '../logging.ts';
import type { BusEvent } from './bus-codec.ts';
import type { Connection } from './connection.ts';
import { planFromRing, planWithLatest, type RingStore } from './ring.ts';
import type { TopicRegistry } from './topics.ts';

export interface FollowingContext {
  rings: RingStore;
  topics: TopicRegistry;
  latestSeq: (topic: string) => Promise<number>;
  logger: Logger;
  follow(connection: Connection, topic: string): void;
  flushTopic(topic: string): void;
  eventsFrame(events: BusEvent[]): Buffer;
}

export async function startFollowing(
  context: FollowingContext,
  connection: Connection,
  topic: string,
  seen: number | undefined,
): Promise<void> {
  const current = context.topics.currentOf(topic);
  if (current) return startWholeState(context, connection, topic, seen, current);
  if (seen === undefined) {
    context.follow(connection, topic);
    return;
  }
  let plan = planFromRing(context.rings.get(topic), seen);
  if (!plan) {
    // The ring cannot tell (this process started after the client's last event, or forgot the topic).
    const latest = await context.latestSeq(topic).catch((error) => {
      context.logger.warn({ err: error, topic }, 'could not read a topic seq for a resume');
      return undefined;
    });
    if (!stillStarting(connection, topic)) return;
    plan =
      latest === undefined
        ? { gap: 'could not read this topic history just now: reload the topic state' }
        : planWithLatest(context.rings.get(topic), seen, latest);
  }
  context.flushTopic(topic);
  if ('gap' in plan) {
    connection.sendMessage({ type: 'gap', topic, from: seen + 1, reason: plan.gap });
  } else if (plan.replay.length > 0) {
    connection.send(context.eventsFrame(plan.replay));
  }
  context.follow(connection, topic);
}

async function startWholeState(
  context: FollowingContext,
  connection: Connection,
  topic: string,
  seen: number | undefined,
  current: () => Promise<BusEvent>,
): Promise<void> {
  let newest = context.rings.get(topic)?.newest();
  if (!newest) {
    const loaded = await current().catch((error) => {
      context.logger.warn({ err: error, topic }, 'could not load the current state of a topic');
      return undefined;
    });
    if (!stillStarting(connection, topic)) return;
    const arrived = context.rings.get(topic)?.newest(); // an event may have come in meanwhile
    newest = arrived && (!loaded || arrived.seq >= loaded.seq) ? arrived : loaded;
  }
  context.flushTopic(topic);
  if (newest && (seen === undefined || newest.seq > seen)) connection.send(context.eventsFrame([newest]));
  context.follow(connection, topic);
}

function stillStarting(connection: Connection, topic: string): boolean {
  return !connection.closed && connection.wanted.has(topic) && !connection.live.has(topic);
}
