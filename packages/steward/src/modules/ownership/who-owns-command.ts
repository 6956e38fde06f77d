// `steward who-owns THING...`: who owns an entity, a file, a Kubernetes object, an alert or a URL,
// and why, answered offline from a catalog directory and the repository's CODEOWNERS.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { clientFromFlags } from '../../platform/cli/client.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { loadCatalog } from '../catalog/index.ts';
import type { CodeownersFlavor } from './codeowners/model.ts';
import { readRepoCodeowners } from './repo-codeowners.ts';
import type { WhoOwnsAnswer } from './schemas.ts';
import { buildOwnershipIndex, type OwnershipIndex } from './who-owns/ownership-index.ts';
import { parseThings, resolveOwnership } from './who-owns/resolve.ts';
import { AnswerPrinter, askInBatches, thingsFrom } from './who-owns-batches.ts';

type WhoOwnsFlags = {
  server?: string;
  catalog?: string;
  repo?: string;
  repository?: string;
  format: 'text' | 'json';
  flavor?: CodeownersFlavor;
};

const thingHelp = `
THING is one of:
  component:default/checkout-api    an entity ref, [kind:][namespace/]name
  checkout-api                      a name: the one entity so named (the Component when kinds share
                                    it); several with that name are listed for you to pick a ref
  path:services/checkout-api/main.go
                                    a file in the repository; a plain path also works when it
                                    contains / or (with --repo) exists in the repository
  github.com/acme/shop:services/checkout-api/main.go
                                    a file in one repository (as --repository does); a path in
                                    several known repositories without one is answered with
                                    the list of them, not a guess
  k8s:Deployment/shop/web{app.kubernetes.io/name=web,team=x}
                                    a Kubernetes object Kind/namespace/name (Kind/name when
                                    cluster-wide), with its labels if you know them
  alert:{alertname="HighErrorRate",service="checkout-api"}
                                    an alert's labels, in Prometheus label-set syntax
  url:https://shop.acme.example/checkout
                                    a URL; any THING starting with http:// or https:// is one

How it decides:
  entity   its owners (spec.owner / spec.owners), primary first; owners missing from the catalog
           are said, and an entity whose owners are all missing is owned by nobody
  path     CODEOWNERS first (the last matching line; a line with no owners leaves the file
           explicitly unowned), else the entity whose repository and path cover it (longest wins)
  k8s      steward selectors (spec.selectors.kubernetes) and Backstage annotations
           (backstage.io/kubernetes-id, -namespace, -label-selector), most specific first; else,
           weaker, a Component named by its app.kubernetes.io/name or app label, or its name
  alert    spec.selectors.alerts.matchers (=, !=, =~, !~), most matchers first; else, weaker,
           a Component named by its sloth_service (SLO burn alerts), service, app or job label
  url      spec.selectors.urls hosts and pathPrefixes, the longest host plus prefix winning

Exit codes: 0 every THING was answered, owned or not; 2 a bad THING (the reason shows the syntax),
bad usage, or an unreadable --catalog or --repo.
`;

export function registerWhoOwnsCommand(program: Command): void {
  program
    .command('who-owns')
    .description('Say who owns each THING and what decided it, or plainly that nothing owns it.')
    .argument('<thing...>', "what to ask about (see THING below); '-' reads one per line from stdin")
    .option(
      '--catalog <path>',
      'catalog file or directory to read (default: --repo, else the current directory)',
    )
    .option(
      '--repo <dir>',
      'the repository checkout paths are in: its CODEOWNERS (.github/, root, docs/) and origin remote are read (default: the current directory)',
    )
    .option(
      '--repository <name>',
      'the repository paths are in, as the server knows it (github.com/acme/shop, or a source name); default: the one repository that has an answer for the path',
    )
    .addOption(
      new Option('--flavor <flavor>', 'CODEOWNERS rules (default: gitlab for a GitLab checkout)').choices([
        'github',
        'gitlab',
      ]),
    )
    .option(
      '--server <url>',
      'ask this Steward server instead of reading files (when neither --catalog nor --repo is given)',
    )
    .addOption(formatOption())
    .addHelpText(
      'after',
      `${thingHelp}${examples(
        'steward who-owns --repo examples/acme services/checkout-api/main.go',
        'steward who-owns --catalog examples/acme checkout-api component:default/web-shop',
        "steward who-owns --catalog catalog/ 'k8s:Deployment/shop/web{app.kubernetes.io/name=web}'",
        `steward who-owns --catalog catalog/ 'alert:{alertname="HighErrorRate",service="checkout-api"}' --format json`,
        'steward who-owns --catalog catalog/ https://shop.acme.example/checkout',
        'steward who-owns --server http://127.0.0.1:7420 services/checkout-api/main.go',
        'steward who-owns --server http://127.0.0.1:7420 github.com/acme/shop:services/checkout-api/main.go',
        'git ls-files | steward who-owns --server http://127.0.0.1:7420 --format json -',
      )}`,
    )
    .action(async (args: string[], flags: WhoOwnsFlags) => {
      const texts = await thingsFrom(args);
      const printer = new AnswerPrinter(flags.format);
      const offline = flags.server === undefined || flags.catalog !== undefined || flags.repo !== undefined;
      if (offline) printer.print(await answerOffline(texts, flags));
      else await answerFromServer(texts, flags, (answers) => printer.print(answers));
      printer.end();
    });
}

async function answerOffline(texts: string[], flags: WhoOwnsFlags): Promise<WhoOwnsAnswer[]> {
  const repo = flags.repo;
  if (repo !== undefined && !isDirectory(repo)) throw usageError(`--repo ${repo} is not a directory`);
  const catalogPath = flags.catalog ?? repo ?? '.';
  if (!existsSync(catalogPath)) {
    throw usageError(`cannot read the catalog at ${catalogPath}: no such file or directory`);
  }
  const isPath = repo === undefined ? undefined : (text: string) => existsSync(join(repo, text));
  const { things, bad } = parseThings(texts, { isPath });
  if (bad[0]) throw usageError(bad[0].message);

  const catalog = await loadCatalog([catalogPath]);
  reportCatalogProblems(catalogPath, catalog.errors.length, catalog.warnings.length);
  const codeowners = await readRepoCodeowners(repo ?? '.', flags.flavor);
  const index = buildOwnershipIndex({
    entities: catalog.entities,
    codeowners: codeowners ? [codeowners] : [],
  });
  reportIndexProblems(index);
  return things.map((thing) => resolveOwnership(thing, index, { repository: flags.repository ?? null }));
}

/**
 * With --server (and no --catalog or --repo): the server's catalog answers, a batch of things per
 * request; bad things still exit 2 here, before any is asked.
 */
async function answerFromServer(
  texts: string[],
  flags: WhoOwnsFlags,
  onAnswers: (answers: WhoOwnsAnswer[]) => void,
): Promise<void> {
  const { bad } = parseThings(texts);
  if (bad[0]) throw usageError(bad[0].message);
  await askInBatches(clientFromFlags({ server: flags.server }), texts, flags.repository, onAnswers);
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** Catalog problems do not stop an answer: the entities with errors are left out, and that is said. */
function reportCatalogProblems(path: string, errors: number, warnings: number): void {
  if (errors === 0 && warnings === 0) return;
  const counts = [
    errors > 0 && `${errors} error${errors === 1 ? '' : 's'}`,
    warnings > 0 && `${warnings} warning${warnings === 1 ? '' : 's'}`,
  ];
  const left = errors > 0 ? ' (entities with errors are left out)' : '';
  process.stderr.write(
    `steward: the catalog at ${path} has ${counts.filter(Boolean).join(' and ')}${left}; see steward catalog validate ${path}\n`,
  );
}

/** CODEOWNERS lines the platform would reject, and selectors that could not be read: the rest still apply. */
function reportIndexProblems(index: OwnershipIndex): void {
  for (const codeowners of index.codeowners) {
    for (const problem of codeowners.matcher.problems) {
      process.stderr.write(`${codeowners.file}:${problem.line}: ${problem.message}\n`);
    }
  }
  for (const p of index.problems) process.stderr.write(`${p.file}:${p.line}: ${p.entity}: ${p.message}\n`);
}
