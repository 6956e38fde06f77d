// Compiles a CODEOWNERS file once and answers "who owns this path?" for as many paths as needed.
// GitHub: the last matching line wins. GitLab: the last matching line of each section, owners united.
import { type GitlabEntry, type GitlabSection, isOptionalSection, parseGitlabCodeowners } from './gitlab.ts';
import { unique } from './line-syntax.ts';
import {
  type AnswerTail,
  type CodeownersFlavor,
  type CodeownersMatcher,
  type CodeownersProblem,
  makeAnswerTail,
  type PathOwnership,
  pathSegments,
  type SectionOwnership,
} from './model.ts';
import { type CodeownersRule, parseGithubCodeowners } from './parse.ts';
import { RuleIndex } from './rule-index.ts';

export function compileCodeowners(text: string, flavor: CodeownersFlavor = 'github'): CodeownersMatcher {
  return flavor === 'gitlab' ? new GitlabMatcher(text) : new GithubMatcher(text);
}

const unmatchedTail = makeAnswerTail({ owners: [], line: null, pattern: null });
const unmatchedGitlabTail = makeAnswerTail({ owners: [], line: null, pattern: null, sections: [] });

class GithubMatcher implements CodeownersMatcher {
  readonly flavor = 'github';
  readonly problems: CodeownersProblem[];
  private readonly index: RuleIndex<CodeownersRule>;
  /** Each line's answer after the path, made the first time the line decides a path. */
  private readonly tails = new Map<CodeownersRule, AnswerTail>();

  constructor(text: string) {
    const { rules, problems } = parseGithubCodeowners(text);
    this.problems = problems;
    this.index = new RuleIndex(rules);
  }

  match(path: string): PathOwnership {
    const rule = this.index.lastMatch(pathSegments(path));
    if (rule === undefined) return { path, owners: [], line: null, pattern: null };
    return { path, owners: rule.owners, line: rule.line, pattern: rule.pattern };
  }

  answerTail(path: string): AnswerTail {
    const rule = this.index.lastMatch(pathSegments(path));
    if (rule === undefined) return unmatchedTail;
    let tail = this.tails.get(rule);
    if (tail === undefined) {
      tail = makeAnswerTail({ owners: rule.owners, line: rule.line, pattern: rule.pattern });
      this.tails.set(rule, tail);
    }
    return tail;
  }
}

interface CompiledSection {
  name: string;
  optional: boolean;
  entries: RuleIndex<GitlabEntry>;
  exclusions: RuleIndex<GitlabEntry>;
}

interface Deciding {
  section: CompiledSection;
  entry: GitlabEntry;
}

/** Distinct combinations of deciding lines kept at once; past it the cache starts over. */
const maxCachedTails = 10_000;

class GitlabMatcher implements CodeownersMatcher {
  readonly flavor = 'gitlab';
  readonly problems: CodeownersProblem[];
  private readonly sections: CompiledSection[];
  private readonly tails = new Map<string, AnswerTail>();

  constructor(text: string) {
    const { sections, problems } = parseGitlabCodeowners(text);
    this.problems = problems;
    this.sections = sections.filter((s) => s.entries.length > 0).map(compileSection);
  }

  match(path: string): PathOwnership {
    return { path, ...this.answerFor(this.decidingLines(pathSegments(path))) };
  }

  answerTail(path: string): AnswerTail {
    const deciding = this.decidingLines(pathSegments(path));
    if (deciding.length === 0) return unmatchedGitlabTail;
    // The same entries always give the same answer: an entry's line names it and its section.
    const key = deciding.map(({ entry }) => entry.line).join(',');
    let tail = this.tails.get(key);
    if (tail === undefined) {
      tail = makeAnswerTail(this.answerFor(deciding));
      if (this.tails.size >= maxCachedTails) this.tails.clear();
      this.tails.set(key, tail);
    }
    return tail;
  }

  /** Each section's last matching entry, in section order; a section excluding the path has none. */
  private decidingLines(segments: string[]): Deciding[] {
    const deciding: Deciding[] = [];
    for (const section of this.sections) {
      // An exclusion anywhere in the section takes the path out of that section altogether.
      if (section.exclusions.lastMatch(segments) !== undefined) continue;
      const entry = section.entries.lastMatch(segments);
      if (entry !== undefined) deciding.push({ section, entry });
    }
    return deciding;
  }

  private answerFor(deciding: Deciding[]): Omit<PathOwnership, 'path'> {
    if (deciding.length === 0) return { owners: [], line: null, pattern: null, sections: [] };
    const matched: SectionOwnership[] = [];
    let latest: GitlabEntry | undefined;
    for (const { section, entry } of deciding) {
      matched.push({
        name: section.name,
        owners: entry.owners,
        line: entry.line,
        optional: section.optional,
        approvals: entry.headerApprovals ?? (section.optional ? 0 : 1),
      });
      if (latest === undefined || entry.line > latest.line) latest = entry;
    }
    const { line, pattern } = latest as GitlabEntry;
    return { owners: unique(matched.flatMap((s) => s.owners)), line, pattern, sections: matched };
  }
}

function compileSection(section: GitlabSection): CompiledSection {
  return {
    name: section.name,
    optional: isOptionalSection(section),
    entries: new RuleIndex(section.entries),
    exclusions: new RuleIndex(section.exclusions),
  };
}
