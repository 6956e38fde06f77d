// Which CODEOWNERS file a repository's platform uses when it has several: GitHub reads the first of
// .github/, the root and docs/; GitLab the first of the root, docs/ and .gitlab/. A .gitlab/CODEOWNERS
// says the repository is on GitLab.
import type { CodeownersFlavor } from '../codeowners/model.ts';

export const codeownersLocations: Readonly<Record<CodeownersFlavor, readonly string[]>> = {
  github: ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'],
  gitlab: ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'],
};

export interface CodeownersCandidate {
  /** The file, named from the repository root or any prefix before it. */
  file: string;
  flavor?: CodeownersFlavor;
}

/** The location a file is at: `.github/CODEOWNERS`, `docs/CODEOWNERS`, `.gitlab/CODEOWNERS` or `CODEOWNERS`. */
export function codeownersLocation(file: string): string {
  const normal = file.replaceAll('\\', '/');
  for (const location of ['.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']) {
    if (normal === location || normal.endsWith(`/${location}`)) return location;
  }
  return 'CODEOWNERS';
}

/** The flavor of a repository's CODEOWNERS files: as told, else GitLab when one sits in .gitlab/. */
export function flavorOf(files: readonly CodeownersCandidate[]): CodeownersFlavor {
  const told = files.find((f) => f.flavor)?.flavor;
  if (told) return told;
  return files.some((f) => codeownersLocation(f.file) === '.gitlab/CODEOWNERS') ? 'gitlab' : 'github';
}

/** The one file the platform reads, of one repository's; files at no known location come last. */
export function chooseCodeowners<T extends CodeownersCandidate>(files: readonly T[]): T | undefined {
  const order = codeownersLocations[flavorOf(files)];
  const place = (f: T) => {
    const at = order.indexOf(codeownersLocation(f.file));
    return at === -1 ? order.length : at;
  };
  return [...files].sort((a, b) => place(a) - place(b))[0];
}
