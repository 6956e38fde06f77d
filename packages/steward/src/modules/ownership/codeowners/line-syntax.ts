// Reading one CODEOWNERS line: words split on unescaped whitespace, `\x` kept for the pattern compiler,
// and which words are owners on each platform.

/**
 * GitHub: a `#` at the start of a word begins a comment (a whole-line comment, or an inline one after
 * the owners); `\ ` keeps a space inside the pattern and `\#` a literal `#`.
 */
export function splitGithubLine(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      word += ch + text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '#' && !inWord) {
      break;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** GitLab: the pattern runs to the first unescaped whitespace; the rest is the owners' text. */
export function splitGitlabEntry(line: string): { pattern: string; rest: string } {
  const separator = /(?<!\\)\s+/.exec(line);
  if (separator === null) return { pattern: line, rest: '' };
  return { pattern: line.slice(0, separator.index), rest: line.slice(separator.index + separator[0].length) };
}

const githubUserOrTeam = /^@[A-Za-z0-9][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/;
const gitlabUserOrGroup = /^@[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;
const gitlabRole = /^@@(?:developer|maintainer|owner)s?$/i;
const email = /^[^\s@/]+@[^\s@/]+\.[^\s@/]*[A-Za-z0-9]$/;

/** `@user`, `@org/team` or `user@example.com`. */
export function isGithubOwner(word: string): boolean {
  return githubUserOrTeam.test(word) || email.test(word);
}

/** `@user`, `@group/sub/group`, `@@maintainer` (a role) or `user@example.com`. */
export function isGitlabOwner(word: string): boolean {
  return gitlabUserOrGroup.test(word) || gitlabRole.test(word) || email.test(word);
}

/** An unescaped `[` with a `]` after it: a character range. */
export function hasCharacterRange(pattern: string): boolean {
  let open = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '[') open = true;
    else if (ch === ']' && open) return true;
  }
  return false;
}

export function unique(words: string[]): string[] {
  return [...new Set(words)];
}
