// CODEOWNERS files and paths shaped like a real monorepo's, with the odd corners mixed in: GitLab
// sections and exclusions, escapes, inline comments, unicode, quotes and backslashes, control
// characters, and paths written with `./`, `//` or a trailing `/`. Seeded: the same every run.
import { seededRandom } from '../../../platform/seeded-random.ts';

export const githubCodeowners = `# Acme monorepo (GitHub: the last matching line wins)
*                         @acme/platform
/.github/                 @acme/platform
/docs/                    @acme/platform docs@acme.example
docs/*                    @acme/docs
*.tf                      @acme/sre
*.md                      @acme/writers # prose is everyone's
/services/cart/           @acme/payments
/services/cart/generated/
/services/search/         @acme/search @acme/data
/services/search/**/*.py  @acme/ml
**/fixtures/              @acme/qa
**/test/**                @acme/qa
apps/                     @acme/web
/apps/admin/*.tsx         @acme/admin
\\#notes                   @acme/hash
src/my\\ file.txt          @acme/space
/données/                 @acme/fr
*.🚀                      @acme/rocket
/services/ünïcode/        @acme/intl
?.js                      @acme/one
!/services/cart/secret/   @acme/nobody
[abc].md                  @acme/range
/libs/**/"quoted"/        @acme/quotes
/services/legacy/*/old/   @acme/legacy
`;

export const gitlabCodeowners = `* @admin
/services/ @backend

[Docs][2] @docs-team
*.md
/docs/
!/docs/internal/

^[Optional review] @reviewers
/services/search/
/libs/ @libs @@maintainer

[docs]
/docs/api/ @api-writers

[Security] @sec
/services/cart/ @sec-cart
!/services/cart/generated/
*.🚀 @rocket
/données/ @fr
`;

const words = [
  'services',
  'cart',
  'search',
  'generated',
  'secret',
  'docs',
  'internal',
  'api',
  'apps',
  'admin',
  'libs',
  'fixtures',
  'test',
  'legacy',
  'old',
  'données',
  'ünïcode',
  '日本語',
  '"quoted"',
  'back\\slash',
  'tab\there',
  'bell\u0007',
  'my file.txt',
  '#notes',
  'a.js',
  'ab.js',
  'README.md',
  'main.tf',
  'model.py',
  'page.tsx',
  'launch.🚀',
  'a.md',
  '.',
];

/** The words JSON writes as they are: printable ASCII without `"` or `\`. */
const plainWords = words.filter((word) => /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/.test(word));

/** `count` paths over the words above, some written with `./`, a leading or doubled `/`, or a trailing one. */
export function oddPaths(count: number, seed = 7): string[] {
  return pathsOver(words, count, seed);
}

/** As `oddPaths`, over the words JSON need not escape (spaces, `#`, `./` and `//` still among them). */
export function plainPaths(count: number, seed = 7): string[] {
  return pathsOver(plainWords, count, seed);
}

function pathsOver(words: string[], count: number, seed: number): string[] {
  const next = seededRandom(seed);
  const pick = () => words[Math.floor(next() * words.length)] as string;
  return Array.from({ length: count }, () => {
    const segments = Array.from({ length: 1 + Math.floor(next() * 6) }, pick);
    const path = segments.join(next() < 0.03 ? '//' : '/');
    const roll = next();
    if (roll < 0.03) return `./${path}`;
    if (roll < 0.06) return `/${path}`;
    if (roll < 0.08) return `${path}/`;
    return path;
  });
}
