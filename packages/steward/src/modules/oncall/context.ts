// What on-call's routes and services share: its tables, the catalog view, and the catalog's reads.
import type { Catalog } from '../catalog/index.ts';
import type { CatalogView } from './catalog-view.ts';
import type { OncallService } from './oncall-service.ts';
import type { OncallDb } from './tables.ts';

export interface OncallContext {
  db: OncallDb;
  view: CatalogView;
  catalog: Pick<Catalog, 'loadEntitiesByRef'>;
  service: OncallService;
  /** Where calendar feed URLs point; none: the host the request came to. */
  publicUrl?: string | undefined;
  now(): Date;
}
