// Ownership follows the catalog's domain events: the entities a change names are replaced in the
// index, CODEOWNERS files compiled again when a source's change; a rebuild when events were missed.
import type { DomainEvents } from '../../platform/events/index.ts';
import { catalogEvents } from '../catalog/index.ts';
import type { OwnershipService } from './ownership-service.ts';

export function followCatalog(events: DomainEvents, ownership: OwnershipService): void {
  const subscriber = 'ownership.index';
  events.on(catalogEvents.entitiesChanged, subscriber, ({ created, updated, moved, deleted }) =>
    ownership.entitiesChanged([...created, ...updated, ...moved, ...deleted]),
  );
  events.on(catalogEvents.codeownersChanged, subscriber, () => ownership.codeownersChanged());
  // A source read or removed may be a repository that comes or goes, CODEOWNERS file or not.
  events.on(catalogEvents.sourceRead, subscriber, () => ownership.codeownersChanged());
  events.on(catalogEvents.sourceRemoved, subscriber, () => ownership.codeownersChanged());
  events.onResync(subscriber, () => ownership.rebuild());
}
