// Compiles a CODEOWNERS file once and answers "who owns this path?" for as many paths as needed.
// GitHub: the last matching line wins. GitLab: the last matching line of each section, owners united.
import { type GitlabEntry, type GitlabSection, isOptionalSection, parseGitlabCodeowners } from './gitlab.ts';
import { unique } from './line-syntax.ts';
import {
  type CodeownersFlavor,
  type CodeownersMatcher,
  type CodeownersProblem,
  type PathOwnership,
  pathSegments,
  type SectionOwnership,
} from './model.ts';
import { type CodeownersRule, parseGithubCodeowners } from './parse.ts';
import { RuleIndex } from './rule-index.ts';

export function compileCodeowners(text: string, flavor: CodeownersFlavor = 'github'): CodeownersMatcher {
  return flavor === 'gitlab' ? new GitlabMatcher(text) : new GithubMatcher(text);
}

class GithubMatcher implements CodeownersMatcher {
  readonly flavor = 'github';
  readonly problems: CodeownersProblem[];
  private readonly index: RuleIndex<CodeownersRule>;

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
}

interface CompiledSection {
  name: string;
  optional: boolean;
  entries: RuleIndex<GitlabEntry>;
  exclusions: RuleIndex<GitlabEntry>;
}

class GitlabMatcher implements CodeownersMatcher {
  readonly flavor = 'gitlab';
  readonly problems: CodeownersProblem[];
  private readonly sections: CompiledSection[];

  constructor(text: string) {
    const { sections, problems } = parseGitlabCodeowners(text);
    this.problems = problems;
    this.sections = sections.filter((s) => s.entries.length > 0).map(compileSection);
  }

  match(path: string): PathOwnership {
    const segments = pathSegments(path);
    const matched: SectionOwnership[] = [];
    let latest: GitlabEntry | undefined;
    for (const section of this.sections) {
      // An exclusion anywhere in the section takes the path out of that section altogether.
      if (section.exclusions.lastMatch(segments) !== undefined) continue;
      const entry = section.entries.lastMatch(segments);
      if (entry === undefined) continue;
      matched.push({
        name: section.name,
        owners: entry.owners,
        line: entry.line,
        optional: section.optional,
        approvals: entry.headerApprovals ?? (section.optional ? 0 : 1),
      });
      if (latest === undefined || entry.line > latest.line) latest = entry;
    }
    if (latest === undefined) return { path, owners: [], line: null, pattern: null, sections: [] };
    const owners = unique(matched.flatMap((s) => s.owners));
    return { path, owners, line: latest.line, pattern: latest.pattern, sections: matched };
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
