// The demo organisation (examples/acme), read as a catalog source by `steward serve --demo`.
import { join, resolve } from 'node:path';
import { loadCatalog } from '../modules/catalog/index.ts';
import { type Org, orgFromEntities } from '../modules/identity/index.ts';

export const demoDir = resolve(import.meta.dirname, '../../../../examples/acme');

/** The repository the demo's scans are of: Acme's monorepo, whose CODEOWNERS is examples/acme/CODEOWNERS. */
export const demoRepository = 'github.com/acme/monorepo';

/** Every demo person signs in with this password; it is printed in the README and the log. */
export const demoPassword = 'steward-demo';

/** The demo's teams and people as the catalog engine reads them (the server ingests the whole folder). */
export async function readDemoOrg(dir = demoDir): Promise<Org> {
  const catalog = await loadCatalog([join(dir, 'org/groups.yaml'), join(dir, 'org/users.yaml')]);
  if (catalog.errors.length > 0) throw new Error(`${dir}/org: ${catalog.errors[0]?.message}`);
  return orgFromEntities(catalog.entities);
}
