// A deterministic, monorepo-shaped CODEOWNERS of N rules and paths spread over the same tree: services,
// libraries, apps, packages, Terraform, docs. The same seed always gives the same file and paths.
const words = (
  'account alert api audit auth billing cache cart catalog checkout config core cron data deploy ' +
  'events export feed fraud gateway graph identity import index inventory invoice ledger media ' +
  'metrics notify orders payments pricing profile queue rank report search session shipping ' +
  'stock store sync tax tracking upload users vault web worker'
).split(' ');
const serviceParts = [
  'src',
  'src',
  'src',
  'test',
  'api',
  'config',
  'migrations',
  'docs',
  'generated',
  'charts',
];
const extensions = [
  'ts',
  'ts',
  'ts',
  'go',
  'go',
  'py',
  'js',
  'tsx',
  'sql',
  'proto',
  'yaml',
  'md',
  'json',
  'tf',
];
const plainFiles = ['README.md', 'Dockerfile', 'Makefile', 'package.json', 'go.mod', 'OWNERS.md'];

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

export interface Tree {
  services: string[];
  libs: string[];
  apps: string[];
  packages: string[];
  modules: string[];
}

export function repositoryTree(next: () => number): Tree {
  const names = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => `${pick(next, words)}-${prefix}${i}`);
  return {
    services: names('svc', 450),
    libs: names('lib', 150),
    apps: names('app', 40),
    packages: names('pkg', 80),
    modules: words,
  };
}

/** Broad rules first, specific ones after, as real files are written; some inline comments. */
export function codeownersText(tree: Tree, ruleCount: number, next: () => number): string {
  const team = () => `@acme/team-${Math.floor(next() * 90)}`;
  const lines = ['# Generated for bench/codeowners: the last matching line wins.', '* @acme/platform'];
  for (const ext of ['tf', 'proto', 'sql', 'md', 'yaml', 'graphql', 'sh', 'Dockerfile']) {
    lines.push(ext === 'Dockerfile' ? `Dockerfile @acme/sre` : `*.${ext} ${team()}`);
  }
  lines.push('.github/ @acme/platform', 'charts/ @acme/sre', '**/generated/', 'migrations/ @acme/dba');
  lines.push(
    '/docs/ @acme/docs docs@acme.example',
    '/infra/ @acme/sre',
    '/infra/modules/*/README.md @acme/docs',
  );
  const areas: [string, string[]][] = [
    ['services', tree.services],
    ['libs', tree.libs],
    ['apps', tree.apps],
    ['packages', tree.packages],
  ];
  while (lines.length <= ruleCount) {
    const [area, names] = pick(next, areas);
    const name = pick(next, names);
    const roll = next();
    if (roll < 0.45) lines.push(`/${area}/${name}/ ${team()}${next() < 0.05 ? ' # moved from legacy' : ''}`);
    else if (roll < 0.65) lines.push(`/${area}/${name}/src/${pick(next, tree.modules)}/ ${team()} ${team()}`);
    else if (roll < 0.72) lines.push(`/${area}/${name}/**/*.${pick(next, extensions)} ${team()}`);
    else if (roll < 0.78) lines.push(`/${area}/${name}/docs/* docs@acme.example`);
    else if (roll < 0.83) lines.push(`/${area}/${name}/api/ @acme/api-guild ${team()}`);
    else if (roll < 0.87) lines.push(`/${area}/${name}/generated/`);
    else if (roll < 0.92) lines.push(`${pick(next, tree.modules)}-${pick(next, tree.modules)}/ ${team()}`);
    else if (roll < 0.96) lines.push(`**/${pick(next, tree.modules)}/fixtures/ ${team()}`);
    else lines.push(`*.${pick(next, tree.modules)}.${pick(next, extensions)} ${team()}`);
  }
  return `${lines.slice(0, ruleCount + 1).join('\n')}\n`;
}

/** Paths 3 to 10 segments deep, weighted toward services as monorepos are. */
export function repositoryPaths(tree: Tree, count: number, next: () => number): string[] {
  const paths = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const roll = next();
    const segments: string[] =
      roll < 0.6
        ? ['services', pick(next, tree.services), pick(next, serviceParts)]
        : roll < 0.75
          ? ['libs', pick(next, tree.libs), 'src']
          : roll < 0.85
            ? ['apps', pick(next, tree.apps), pick(next, ['src', 'public', 'test'])]
            : roll < 0.95
              ? ['packages', pick(next, tree.packages), pick(next, ['src', 'lib', 'test'])]
              : roll < 0.98
                ? ['infra', 'modules', pick(next, tree.modules)]
                : ['docs', pick(next, tree.modules)];
    const extra = Math.floor(next() * 6);
    for (let d = 0; d < extra; d++) segments.push(pick(next, tree.modules));
    segments.push(
      next() < 0.1 ? pick(next, plainFiles) : `${pick(next, tree.modules)}.${pick(next, extensions)}`,
    );
    paths[i] = segments.join('/');
  }
  return paths;
}
