// On-call follows the catalog's domain events: a change to a schedule, policy, group or person marks
// the in-memory view stale on every server; a resync (missed events) does too.
import type { DomainEvents } from '../../platform/events/index.ts';
import { catalogEvents } from '../catalog/index.ts';
import { type CatalogView, viewedKinds } from './catalog-view.ts';

export function followCatalog(events: DomainEvents, view: CatalogView): void {
  const subscriber = 'oncall.view';
  const viewed = (ref: string) => viewedKinds.includes(ref.slice(0, ref.indexOf(':')).toLowerCase());
  events.on(catalogEvents.entitiesChanged, subscriber, async ({ created, updated, moved, deleted }) => {
    if ([...created, ...updated, ...moved, ...deleted].some(viewed)) view.invalidate();
  });
  events.onResync(subscriber, async () => view.invalidate());
}
