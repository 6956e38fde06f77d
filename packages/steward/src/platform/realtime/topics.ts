// Which topics a principal may follow: each topic kind (`team`, `presence`, …) has one authoriser,
// registered by the module that owns the kind. Unknown kinds are denied.
import type { Principal } from '../auth/principal.ts';
import { conflict } from '../errors.ts';
import type { Logger } from '../logging.ts';
import type { BusEvent } from './bus-codec.ts';
import { topicSchema } from './protocol.ts';

/** Answers why the principal may not follow `kind:name`, or null when they may (as `denialReason` does). */
export type TopicAuthoriser = (
  principal: Principal,
  name: string | undefined,
) => string | null | Promise<string | null>;

export interface TopicOptions {
  /** Who may follow it and what it carries, for the stream's API description. */
  about?: string;
  /**
   * Present for topics whose every event carries the whole state (presence): a new subscriber gets the
   * newest event at once (this loads it when no process event is at hand), and a resume never gaps.
   */
  current?: (name: string | undefined) => Promise<BusEvent>;
}

/** A topic kind as its owner declares it: `kind:<name>`, who may follow it, and what it carries. */
export interface TopicDefinition extends TopicOptions {
  kind: string;
  authorise: TopicAuthoriser;
  about: string;
}

interface TopicKind extends TopicOptions {
  authorise: TopicAuthoriser;
}

export interface TopicRegistry {
  registerTopic(topic: TopicDefinition): void;
  /** Null when the principal may follow the topic, else the reason they may not. */
  authorise(principal: Principal, topic: string): Promise<string | null>;
  /** How to load the current state of a whole-state topic; undefined for ordinary topics. */
  currentOf(topic: string): (() => Promise<BusEvent>) | undefined;
  /** Every kind registered, in name order, with what its registrar says of it. */
  describeTopics(): TopicDescription[];
}

export interface TopicDescription {
  kind: string;
  about: string;
}

/** For kinds every reader may follow. */
export const allowAnyReader: TopicAuthoriser = (principal) =>
  principal.scopes.includes('read') ? null : 'this credential lacks the read scope';

export function createTopicRegistry(logger: Logger): TopicRegistry {
  const kinds = new Map<string, TopicKind>();
  return {
    registerTopic({ kind, authorise, ...options }) {
      if (!/^[a-z][a-z0-9-]*$/.test(kind)) {
        throw new Error(`topic kind ${JSON.stringify(kind)} must be lower-case letters, digits and dashes`);
      }
      if (kinds.has(kind)) throw conflict(`the topic kind ${kind} is already registered`);
      kinds.set(kind, { authorise, ...options });
    },
    async authorise(principal, topic) {
      if (!topicSchema.safeParse(topic).success) {
        return 'not a topic: it must look like kind or kind:name (e.g. presence, team:payments)';
      }
      const { kind, name } = splitTopic(topic);
      const entry = kinds.get(kind);
      if (!entry) {
        const known = [...kinds.keys()].sort().join(', ');
        return `unknown topic kind ${JSON.stringify(kind)}; this server knows ${known || 'none'}`;
      }
      try {
        return await entry.authorise(principal, name);
      } catch (error) {
        logger.warn({ err: error, topic }, 'a topic authoriser failed');
        return `could not check access to ${topic} just now; subscribe again later`;
      }
    },
    currentOf(topic) {
      const { kind, name } = splitTopic(topic);
      const current = kinds.get(kind)?.current;
      return current ? () => current(name) : undefined;
    },
    describeTopics() {
      return [...kinds.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, entry]) => ({ kind, about: entry.about ?? 'not described' }));
    },
  };
}

export function splitTopic(topic: string): { kind: string; name: string | undefined } {
  const colon = topic.indexOf(':');
  return colon < 0
    ? { kind: topic, name: undefined }
    : { kind: topic.slice(0, colon), name: topic.slice(colon + 1) };
}
