// Reads a GitHub CODEOWNERS file into rules (pattern, owners, compiled tokens) and the lines it rejects.
// GitHub has no `!` negation and no `[...]` ranges: such lines are reported and skipped, as GitHub
// skips a line with invalid syntax; the other lines still apply.
import { hasCharacterRange, isGithubOwner, splitGithubLine, unique } from './line-syntax.ts';
import type { CodeownersProblem } from './model.ts';
import { compileGithubPattern } from './pattern.ts';
import type { IndexedRule } from './rule-index.ts';

export interface CodeownersRule extends IndexedRule {
  line: number;
  /** As written in the file, escapes included. */
  pattern: string;
  owners: string[];
}

export interface ParsedCodeowners {
  rules: CodeownersRule[];
  problems: CodeownersProblem[];
}

export function codeownersLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
}

export function parseGithubCodeowners(text: string): ParsedCodeowners {
  const rules: CodeownersRule[] = [];
  const problems: CodeownersProblem[] = [];
  codeownersLines(text).forEach((content, index) => {
    const line = index + 1;
    const [pattern, ...owners] = splitGithubLine(content);
    if (pattern === undefined) return;
    const problem = patternProblem(pattern) ?? ownersProblem(owners);
    if (problem !== null) {
      problems.push({ line, message: `${problem}; the line is ignored` });
      return;
    }
    rules.push({ line, pattern, owners: unique(owners), tokens: compileGithubPattern(pattern) });
  });
  return { rules, problems };
}

function patternProblem(pattern: string): string | null {
  if (pattern.startsWith('!')) {
    return `"${pattern}": GitHub CODEOWNERS does not support "!" negation (write the positive pattern, with no owners, after the broader one to leave paths unowned)`;
  }
  if (hasCharacterRange(pattern)) {
    return `"${pattern}": GitHub CODEOWNERS does not support "[...]" character ranges (use one line per name, or "?" for any one character)`;
  }
  if (/(^|[^\\])(\\\\)*\\$/.test(pattern)) {
    return `"${pattern}": a trailing "\\" escapes nothing`;
  }
  return null;
}

function ownersProblem(owners: string[]): string | null {
  const invalid = owners.filter((owner) => !isGithubOwner(owner));
  if (invalid.length === 0) return null;
  const list = invalid.map((o) => `"${o}"`).join(', ');
  return `${list} ${invalid.length === 1 ? 'is not an owner' : 'are not owners'}: write @user, @org/team or an email address`;
}
