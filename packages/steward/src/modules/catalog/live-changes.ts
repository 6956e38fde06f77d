// The `catalog` topic of the live channel, from the catalog's domain events: one `catalog.changed`
// per change, published by whichever server claims the event first (not once per server).
import type { DomainEvents } from '../../platform/events/index.ts';
import { type EntitiesChanged, entitiesChanged, sourceRead, sourceRemoved } from './events.ts';

export type PublishCatalogChange = (
  type: 'catalog.changed',
  data: Record<string, unknown>,
) => Promise<unknown>;

export function publishCatalogChanges(events: DomainEvents, publish: PublishCatalogChange): void {
  events.onOnce(entitiesChanged, 'catalog.live-entities', async (change) => {
    const data = entitiesSummary(change);
    if (data) await publish('catalog.changed', data);
  });
  events.onOnce(sourceRead, 'catalog.live-source-read', async ({ source }) => {
    await publish('catalog.changed', { source, read: true });
  });
  events.onOnce(sourceRemoved, 'catalog.live-source-removed', async ({ source }) => {
    await publish('catalog.changed', { source, removedSource: true });
  });
}

/** Counts, and the entity itself when the change is one entity (an edit through the API). */
function entitiesSummary(change: EntitiesChanged): Record<string, unknown> | undefined {
  const { source, created, updated, deleted } = change;
  const total = created.length + updated.length + deleted.length;
  if (total === 0) return undefined;
  const counts = { source, added: created.length, updated: updated.length, removed: deleted.length };
  if (total > 1) return counts;
  const [entity, kind] = created.length
    ? [created[0], 'created']
    : updated.length
      ? [updated[0], 'updated']
      : [deleted[0], 'deleted'];
  return { ...counts, entity, change: kind };
}
