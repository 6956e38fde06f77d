// The demo organisation (examples/acme), loaded by `steward serve --demo`.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type Org, orgFromEntities } from '../modules/identity/org-from-entities.ts';

export const demoDir = resolve(import.meta.dirname, '../../../../examples/acme');

/** Every demo person signs in with this password; it is printed in the README and the log. */
export const demoPassword = 'steward-demo';

export async function readDemoOrg(dir = demoDir): Promise<Org> {
  const orgDir = join(dir, 'org');
  const files = (await readdir(orgDir)).filter((f) => f.endsWith('.yaml')).sort();
  const entities = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(await readFile(join(orgDir, file), 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${join(orgDir, file)}: ${doc.errors[0]?.message}`);
      entities.push(doc.toJS());
    }
  }
  return orgFromEntities(entities);
}
