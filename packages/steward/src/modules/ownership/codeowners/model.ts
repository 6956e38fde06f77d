// What matching a path against a CODEOWNERS file answers, in the shape `steward codeowners match` prints.

export type CodeownersFlavor = 'github' | 'gitlab';

/** A line the platform would reject or only partly read; it is reported, and the other lines apply. */
export interface CodeownersProblem {
  line: number;
  message: string;
}

/** One GitLab section's answer for a path: its last matching line. */
export interface SectionOwnership {
  name: string;
  owners: string[];
  line: number;
  optional: boolean;
  /** Approvals the section requires: `[Section][N]` gives N, a required section 1, an optional one 0. */
  approvals: number;
}

/**
 * `line` and `pattern` are null when no line matches. A matching line without owners gives `owners: []`
 * with its line and pattern: the path is explicitly unowned.
 */
export interface PathOwnership {
  path: string;
  owners: string[];
  line: number | null;
  pattern: string | null;
  /** GitLab only: each matching section, in section order. */
  sections?: SectionOwnership[];
}

export interface CodeownersMatcher {
  readonly flavor: CodeownersFlavor;
  /** Lines reported while reading the file, in line order. */
  readonly problems: CodeownersProblem[];
  match(path: string): PathOwnership;
  /**
   * What `JSON.stringify(match(path))` writes after the path, made cheaply: made once per deciding line
   * (or set of section lines) and the same object for every path it decides.
   */
  answerTail(path: string): AnswerTail;
}

/** `,"owners":[…],"line":…,"pattern":…}`, as text and as UTF-8 bytes (shared: never written to). */
export interface AnswerTail {
  readonly text: string;
  readonly bytes: Uint8Array;
}

/** `JSON.stringify(matcher.match(path))`, byte for byte. */
export function answerJson(matcher: CodeownersMatcher, path: string): string {
  return `{"path":${JSON.stringify(path)}${matcher.answerTail(path).text}`;
}

/** The tail `JSON.stringify` writes after the path for this answer. */
export function makeAnswerTail(answer: Omit<PathOwnership, 'path'>): AnswerTail {
  const text = JSON.stringify({ path: '', ...answer }).slice(pathlessPrefix.length);
  return { text, bytes: Buffer.from(text, 'utf8') };
}

const pathlessPrefix = '{"path":""';

/** `./src/a.ts`, `/src/a.ts` and `src//a.ts` all name `src/a.ts`; returns its segments. */
export function pathSegments(path: string): string[] {
  // A loop over indexOf makes the segments faster than split('/'), and skips empty and `.` ones as it goes.
  const segments: string[] = [];
  let start = 0;
  for (;;) {
    const end = path.indexOf('/', start);
    const stop = end < 0 ? path.length : end;
    if (stop > start && !(stop === start + 1 && path.charCodeAt(start) === dot)) {
      segments.push(path.slice(start, stop));
    }
    if (end < 0) return segments;
    start = end + 1;
  }
}

const dot = 0x2e;
