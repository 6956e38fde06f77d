// A directory chosen in the browser, made into an upload source: the files a catalog may need (YAML
// and JSON, API definitions, CODEOWNERS), paths relative to the directory, named after the directory
// so adding it again replaces its files. Hidden folders (but .github/ and .gitlab/ CODEOWNERS) and
// node_modules are skipped as the server's own finder skips them; the server then reads only what holds entities.
import type { NewSource } from './catalog.ts';

const wantedName = /(\.(ya?ml|json|graphql|gql|proto)|(^|\/)CODEOWNERS)$/i;
const maxFileBytes = 8 * 1024 * 1024;

export interface ChosenFile {
  /** As the browser gives it for a directory input: `<directory>/<path inside it>`. */
  webkitRelativePath: string;
  size: number;
  text(): Promise<string>;
}

/** Where a chosen file goes in the upload, or null when it is not sent. */
export function uploadPath(relativePath: string): string | null {
  const parts = relativePath.split('/');
  const inside = parts.slice(1);
  if (inside.length === 0) return null;
  const path = inside.join('/');
  // GitHub and GitLab read CODEOWNERS from .github/ and .gitlab/ too: those are the only hidden ones sent.
  if (/^\.(github|gitlab)\/CODEOWNERS$/.test(path)) return path;
  if (inside.some((part) => part.startsWith('.') || part === 'node_modules')) return null;
  return wantedName.test(path) ? path : null;
}

export async function directoryUpload(files: ChosenFile[]): Promise<Extract<NewSource, { kind: 'upload' }>> {
  const name = files[0]?.webkitRelativePath.split('/')[0] ?? 'upload';
  const chosen = files.flatMap((file) => {
    const path = uploadPath(file.webkitRelativePath);
    return path !== null && file.size <= maxFileBytes ? [{ path, file }] : [];
  });
  const uploaded = await Promise.all(
    chosen.map(async ({ path, file }) => ({ path, content: await file.text() })),
  );
  return { kind: 'upload', name, files: uploaded };
}
