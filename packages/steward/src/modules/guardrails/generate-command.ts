// `steward guardrails generate`: for each team in the catalog, the Kubernetes objects that keep it
// safe in its namespaces (quota and limits from its tier, default-deny network policy with what its
// dependencies need, its members' RoleBinding), one YAML file per team, or stdout.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { clientFromFlags } from '../../platform/cli/client.ts';
import { examples, usageError } from '../../platform/cli/program.ts';
import {
  type CatalogEntity,
  loadCatalog,
  parseEntityRef,
  stringifyEntityRef,
  validateCatalog,
} from '../catalog/index.ts';
import { generateGuardrails, teamsOf } from './engine/generate/generate.ts';
import type { Sizes } from './engine/generate/model.ts';
import { renderTeam, teamFileName } from './engine/generate/render.ts';
import { defaultSizes, parseSizes } from './engine/generate/sizes.ts';

interface GenerateFlags {
  catalog?: string;
  server?: string;
  out?: string;
  team: string[];
  sizes?: string;
  role: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const clusterRoleName = /^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/;

export function registerGenerateCommand(guardrails: Command): void {
  guardrails
    .command('generate')
    .description(
      "For each team in the catalog, its namespaces' guardrails: ResourceQuota and LimitRange from its tier, a default-deny NetworkPolicy with DNS and what its dependencies need, and a RoleBinding for its members.",
    )
    .option('--catalog <path>', 'catalog file or directory to read (default: the current directory)')
    .option('--server <url>', 'read the catalog of this Steward server instead (its export; STEWARD_TOKEN)')
    .option('--out <dir>', 'write one <team>.yaml per team into this directory instead of stdout')
    .option('--team <name>', 'only this team (a Group name or ref; repeatable)', collect, [])
    .option(
      '--sizes <file>',
      'YAML or JSON overriding the quota and limits of each tier, and the default tier',
    )
    .option('--role <clusterrole>', 'the ClusterRole members are bound to in their namespaces', 'edit')
    .addHelpText(
      'after',
      `
A team's namespaces come from what it owns (backstage.io/kubernetes-namespace, steward.dev/v1
spec.selectors.kubernetes.namespace) and its Group's steward.dev/namespaces annotation; what could
not be generated (a team with no namespace, a dependency whose namespace is unknown) is reported on
stderr. Exit codes: 0 generated; 2 bad usage, an unknown --team, an unreadable catalog or a bad --sizes.
${examples(
  'steward guardrails generate --catalog catalog/ --out guardrails/',
  'steward guardrails generate --catalog catalog/ --team payments | kubectl apply -f -',
  'steward guardrails generate --catalog catalog/ --sizes sizes.yaml --role admin --out guardrails/',
  'STEWARD_TOKEN=… steward guardrails generate --server https://steward.example.com --out guardrails/',
)}`,
    )
    .action(async (flags: GenerateFlags) => {
      if (!clusterRoleName.test(flags.role))
        throw usageError(`--role ${flags.role}: not a ClusterRole name (lowercase letters, digits, -, ., :)`);
      const sizes = flags.sizes ? await readSizes(flags.sizes) : defaultSizes;
      const fromServer = flags.server !== undefined && flags.catalog === undefined;
      const catalog = fromServer ? `${flags.server}` : (flags.catalog ?? '.');
      const entities = fromServer ? await readServedCatalog(flags.server) : await readCatalog(catalog);
      const teams = flags.team.map((name) => teamRef(name, entities, catalog));
      const generated = generateGuardrails(entities, { sizes, memberRole: flags.role, teams });
      for (const n of generated.notices) process.stderr.write(`steward: ${n.message}\n`);
      const context = { catalog, sizes: flags.sizes ?? null, memberRole: flags.role };
      const objects = generated.teams.reduce((sum, t) => sum + t.objects.length, 0);
      if (flags.out === undefined) {
        process.stdout.write(generated.teams.map((t) => renderTeam(t, context)).join(''));
        return;
      }
      await mkdir(flags.out, { recursive: true });
      for (const team of generated.teams)
        await writeFile(join(flags.out, teamFileName(team)), renderTeam(team, context));
      process.stderr.write(
        `steward: wrote ${generated.teams.length} files (${objects} objects) to ${flags.out}\n`,
      );
    });
}

async function readSizes(file: string): Promise<Sizes> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw usageError(`--sizes: cannot read ${file}: ${error.message}`);
  });
  const { sizes, problems } = parseSizes(file, text);
  const [first, ...rest] = problems;
  if (first) {
    for (const p of rest) process.stderr.write(`${p.file}:${p.line}:${p.column}: ${p.message}\n`);
    throw usageError(`${first.file}:${first.line}:${first.column}: ${first.message}`);
  }
  return sizes;
}

async function readCatalog(path: string): Promise<CatalogEntity[]> {
  if (!existsSync(path)) throw usageError(`--catalog ${path}: no such file or directory`);
  const catalog = await loadCatalog([path]).catch((error: Error) => {
    throw usageError(`--catalog: cannot read the catalog at ${path}: ${error.message}`);
  });
  if (catalog.errors.length > 0)
    process.stderr.write(
      `steward: the catalog at ${path} has ${catalog.errors.length} errors (those entities are left out); see steward catalog validate ${path}\n`,
    );
  return catalog.entities;
}

/** The server's whole catalog, as its export gives it (YAML that validates on its own). */
async function readServedCatalog(server: string | undefined): Promise<CatalogEntity[]> {
  const client = clientFromFlags({ server });
  const path = '/api/v1/catalog/export';
  const text = await client.text(path, 'application/yaml');
  const catalog = validateCatalog([{ file: `${client.server}${path}`, content: text }]);
  if (catalog.errors.length > 0)
    process.stderr.write(
      `steward: the catalog of ${client.server} has ${catalog.errors.length} errors in its export (those entities are left out)\n`,
    );
  return catalog.entities;
}

/** `payments`, `group:payments` or `group:default/payments`, as a Group of the catalog. */
function teamRef(name: string, entities: readonly CatalogEntity[], catalog: string): string {
  const parsed = parseEntityRef(name.trim(), { defaultKind: 'group', defaultNamespace: 'default' });
  const ref = parsed.ok ? stringifyEntityRef(parsed.ref) : null;
  if (ref !== null && entities.some((e) => e.kind === 'Group' && e.ref === ref)) return ref;
  const known = teamsOf(entities).map((t) => t.ref.replace(/^group:default\//, ''));
  const teams = known.length > 0 ? `its teams: ${known.join(', ')}` : 'it has no teams';
  throw usageError(
    `--team ${name}: no Group ${ref ?? JSON.stringify(name)} in the catalog at ${catalog}; ${teams}`,
  );
}
