// Reads a GitLab CODEOWNERS file: sections (`[Name]`, `^[Optional]`, `[Name][N]`, default owners after
// the header), `!` exclusions, and entries whose owners are whatever @user, @group, @@role or email
// the rest of the line holds (GitLab has no inline comments). Names combine case-insensitively.
import { isGitlabOwner, splitGitlabEntry, unique } from './line-syntax.ts';
import type { CodeownersProblem } from './model.ts';
import { type CodeownersRule, codeownersLines } from './parse.ts';
import { compileGitlabPattern } from './pattern.ts';

/** GitLab's name for the lines before the first section header. */
export const defaultSectionName = 'codeowners';

export interface GitlabEntry extends CodeownersRule {
  /** N from the header the line sits under (`[Name][N]`), null when it gives none. */
  headerApprovals: number | null;
  headerOptional: boolean;
}

export interface GitlabSection {
  name: string;
  entries: GitlabEntry[];
  exclusions: GitlabEntry[];
}

interface Header {
  name: string;
  optional: boolean;
  approvals: number | null;
  defaultOwners: string[];
}

// GitLab's SectionParser: `^?[name][N]? default owners…`, anchored at the start only.
const headerPattern = /^(\^)?\[(.*?)\](?:\[(\d*?)\])?(\s+[@\w.\-/\s+]*)?/;
const unclosedHeader = /^\^?\[[^\]]+?$/;

export function parseGitlabCodeowners(text: string): {
  sections: GitlabSection[];
  problems: CodeownersProblem[];
} {
  const problems: CodeownersProblem[] = [];
  const sections: GitlabSection[] = [{ name: defaultSectionName, entries: [], exclusions: [] }];
  let header: Header = { name: defaultSectionName, optional: false, approvals: null, defaultOwners: [] };
  let section = sections[0] as GitlabSection;
  codeownersLines(text).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const report = (message: string) => problems.push({ line, message });
    const parsedHeader = parseHeader(content, report);
    if (parsedHeader !== null) {
      header = parsedHeader;
      section = sectionNamed(sections, header.name);
      return;
    }
    if (unclosedHeader.test(content))
      report(`"${content}" looks like a section header but has no closing "]"`);
    const entry = parseEntry(content, line, header, report);
    if (entry.exclusion) section.exclusions.push(entry.rule);
    else section.entries.push(entry.rule);
  });
  return { sections, problems };
}

/** A section is optional when every line in it sits under a `^[…]` header. */
export function isOptionalSection(section: GitlabSection): boolean {
  const lines = [...section.entries, ...section.exclusions];
  return lines.length > 0 && lines.every((entry) => entry.headerOptional);
}

function parseHeader(content: string, report: (message: string) => void): Header | null {
  const match = headerPattern.exec(content);
  if (match === null) return null;
  const [, caret, name = '', approvalsText, ownersText = ''] = match;
  const optional = caret !== undefined;
  const approvals = approvalsText ? Number.parseInt(approvalsText, 10) : null;
  if (name.trim() === '') report('a section header needs a name: [Section name]');
  if (optional && approvals !== null && approvals > 0) {
    report(`"${content}": an optional section (^) cannot require approvals ([${approvals}])`);
  }
  const words = ownersText.split(/\s+/).filter((word) => word !== '');
  const defaultOwners = words.filter(isGitlabOwner);
  if (defaultOwners.length < words.length) {
    report(`section [${name}]: ${notOwners(words)}; default owners are @user, @group, @@role or an email`);
  }
  return {
    name,
    optional,
    approvals: approvals === 0 ? null : approvals,
    defaultOwners: unique(defaultOwners),
  };
}

function parseEntry(content: string, line: number, header: Header, report: (message: string) => void) {
  const { pattern: written, rest } = splitGitlabEntry(content);
  const exclusion = written.startsWith('!');
  const pattern = exclusion ? written.slice(1) : written;
  const words = rest.split(/\s+/).filter((word) => word !== '');
  let owners = exclusion ? [] : unique(words.filter(isGitlabOwner));
  if (!exclusion && words.some((word) => !isGitlabOwner(word))) {
    report(
      `${notOwners(words)} ignored: owners are @user, @group, @@role or an email (GitLab has no inline comments)`,
    );
  }
  if (!exclusion && rest === '') owners = header.defaultOwners;
  if (!exclusion && owners.length === 0) {
    report(
      `"${written}" has no owners and section [${header.name}] no default owners: GitLab reports a missing owner`,
    );
  }
  const rule: GitlabEntry = {
    line,
    pattern: written,
    owners,
    tokens: compileGitlabPattern(pattern),
    headerApprovals: header.approvals,
    headerOptional: header.optional,
  };
  return { rule, exclusion };
}

function sectionNamed(sections: GitlabSection[], name: string): GitlabSection {
  const lower = name.toLowerCase();
  const existing = sections.find((s) => s.name.toLowerCase() === lower);
  if (existing) return existing;
  const created: GitlabSection = { name, entries: [], exclusions: [] };
  sections.push(created);
  return created;
}

function notOwners(words: string[]): string {
  const invalid = words.filter((word) => !isGitlabOwner(word));
  return `${invalid.map((w) => `"${w}"`).join(', ')} ${invalid.length === 1 ? 'is not an owner' : 'are not owners'}`;
}
