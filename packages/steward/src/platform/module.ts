// What a module is: one shape for every capability Steward has (catalog, ownership, identity, and
// on-call, incidents, guardrails after them). A module's `module.ts` is its manifest: its name, where
// its migrations are, which commands it adds to the CLI, and how to create it. Creating it gives the
// running module: the face other modules may use (`api`), its routes, job definitions, live-channel
// topics with who may follow them, and what to do at start and stop. The composition root
// (server/compose.ts) lists manifests and wires each module's needs from the faces of those before it.
//
// Manifests are small and load nothing heavy: `create` and each command are imported only when used,
// so `steward who-owns` never loads the server.
import type { Command } from 'commander';
import type { Database } from './db/database.ts';
import type { DomainEvents } from './events/index.ts';
import type { RoutePlugin } from './http/route-types.ts';
import type { JobDefinition, JobQueue } from './jobs/index.ts';
import type { Logger } from './logging.ts';
import type { Metrics } from './metrics.ts';
import type { TopicDefinition } from './realtime/index.ts';

/** What the platform gives every module. */
export interface PlatformServices {
  database: Database;
  logger: Logger;
  metrics: Metrics;
  /** Domain events: emit them in a change's transaction; subscribe to hear them on every server. */
  events: DomainEvents;
  /** Enqueues durable jobs; the runner runs the definitions modules declare. */
  jobs: JobQueue;
  /** Publishes on the live channel, to every server's followers of the topic. */
  publish(topic: string, type: string, data: unknown): Promise<number>;
}

/** A top-level CLI verb (or several sharing a file), registered only when its name is run or on help. */
export interface CommandEntry {
  names: string[];
  load: () => Promise<(program: Command) => void>;
}

export interface RunningModule<Api> {
  /** What other modules may use, typed by the module's index.ts. */
  api: Api;
  routes?: RoutePlugin[];
  // biome-ignore lint/suspicious/noExplicitAny: each definition has its own payload type.
  jobs?: JobDefinition<any>[];
  topics?: TopicDefinition[];
  /** Before the server answers: data the module needs in place (first admin, catalog paths). */
  start?(): Promise<void>;
  /** On shutdown, before the database closes. */
  stop?(): Promise<void>;
}

export interface ModuleManifest<Needs, Api> {
  name: string;
  /** The folder of this module's migrations (`new URL('./migrations/', import.meta.url)`), if it has tables. */
  migrations?: URL;
  commands?: CommandEntry[];
  create(platform: PlatformServices, needs: Needs): Promise<RunningModule<Api>>;
}

/** Declares a module; the identity function is there for its types. */
export function defineModule<Needs, Api>(manifest: ModuleManifest<Needs, Api>): ModuleManifest<Needs, Api> {
  if (!/^[a-z][a-z0-9-]*$/.test(manifest.name)) {
    throw new Error(
      `module name ${JSON.stringify(manifest.name)} must be lower-case letters, digits, dashes`,
    );
  }
  return manifest;
}
