// Identity follows the catalog's domain events: a change that names a Group or User brings teams,
// people and memberships up to date. One server handles each change (the projection lives in the
// shared database, so once is enough), whichever server made it; every server projects at start too.
import type { DomainEvents } from '../../platform/events/index.ts';
import type { Logger } from '../../platform/logging.ts';
import { catalogEvents } from '../catalog/index.ts';
import type { Project } from './project-catalog.ts';

/** The person who made the change is the actor of what it does to teams and people, as when identity's API does it. */
const auditActor = (actor: string | undefined) =>
  actor?.startsWith('user:') ? actor.slice('user:'.length) : 'system:catalog';

const namesPeople = (ref: string) => ref.startsWith('group:') || ref.startsWith('user:');

export function followCatalog(events: DomainEvents, project: Project, logger: Logger): void {
  events.onOnce(catalogEvents.entitiesChanged, 'identity.people', async (change) => {
    const refs = [...change.created, ...change.updated, ...change.deleted];
    if (!refs.some(namesPeople)) return;
    // A failure is logged, not retried here: the next change (or the next start) projects everything.
    await project(auditActor(change.actor)).catch((error) =>
      logger.error({ err: error, source: change.source }, 'teams and people could not follow the catalog'),
    );
  });
}
