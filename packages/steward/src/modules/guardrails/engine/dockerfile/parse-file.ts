// A Dockerfile read for the scanner with dockerfile-ast: its stages (FROM … AS name), each
// instruction with its 1-based line and column, ENV/ARG pairs, and the comments that may hold
// exemptions, each tied to the stage of the instruction it precedes. An unknown instruction or a file
// with no FROM is a positioned problem for that file.
import {
  type Arg,
  DockerfileParser,
  type Env,
  type From,
  type Instruction,
  ModifiableInstruction,
} from 'dockerfile-ast';
import type { FileProblem, Position, SourceFile } from '../model.ts';
import { mayHoldExemption } from '../peer-exemptions.ts';

export interface Pair extends Position {
  name: string;
  value: string | null;
}

export interface Step extends Position {
  keyword: string;
  /** The arguments as one line (continuations joined). */
  text: string;
  /** Exec (JSON) form: `RUN ["a", "b"]` runs no shell. */
  execForm: boolean;
  /** Words as the parser split them (quotes removed). */
  words: string[];
  /** ENV and ARG: their name=value pairs. */
  pairs: Pair[];
  /** Flags as written: `--checksum=sha256:…`, `--mount=type=cache,target=/var/lib/apt`. */
  flags: string[];
}

export interface Stage {
  /** `FROM … AS name`, else null. */
  name: string | null;
  index: number;
  /** The base image as written (`node:22`, `build`, `${BASE}`), with ARG defaults from before the first FROM substituted. */
  image: string;
  from: Step;
  steps: Step[];
}

export interface DockerComment {
  text: string;
  line: number;
  stage: number;
}

export interface DockerFile {
  path: string;
  stages: Stage[];
  comments: DockerComment[];
}

const keywords = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
]);

/** Files beside a Dockerfile that share its name but are not one (BuildKit's per-file ignore, notes). */
const notDockerfiles = /\.(dockerignore|md|txt|json|ya?ml|orig|rej|bak|swp)$/i;

/** Dockerfile, *.dockerfile, Dockerfile.* (Dockerfile.prod), case-insensitive. */
export function isDockerfile(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? '';
  return (/^dockerfile(\..+)?$/i.test(name) || /\.dockerfile$/i.test(name)) && !notDockerfiles.test(name);
}

export function parseDockerfile(file: SourceFile): { parsed: DockerFile | null; problems: FileProblem[] } {
  const problem = (line: number, column: number, message: string) => ({
    file: file.path,
    line,
    column,
    message,
  });
  const instructions = DockerfileParser.parse(file.text).getInstructions();
  const problems: FileProblem[] = [];
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    const step = stepOf(instruction);
    if (!keywords.has(step.keyword)) {
      const message = `not a Dockerfile instruction: "${step.keyword.slice(0, 40)}" (expected FROM, RUN, COPY, …; a continuation line may be missing its \\)`;
      problems.push(problem(step.line, step.column, message));
      continue;
    }
    if (step.keyword === 'FROM') {
      stages.push(stageOf(instruction as From, step, stages.length, globals));
    } else if (stages.length === 0) {
      if (step.keyword !== 'ARG') {
        problems.push(
          problem(
            step.line,
            step.column,
            `${step.keyword} before the first FROM; only ARG may come before FROM`,
          ),
        );
      }
      for (const pair of step.pairs) if (pair.value !== null) globals.set(pair.name, pair.value);
    } else {
      stages[stages.length - 1]?.steps.push(step);
    }
  }
  if (stages.length === 0 && problems.length === 0) {
    problems.push(
      problem(1, 1, 'no FROM instruction: a Dockerfile starts from a base image (FROM image:tag)'),
    );
  }
  if (problems.length > 0) return { parsed: null, problems };
  const comments = mayHoldExemption(file.text) ? commentsOf(file.text, stages) : [];
  return { parsed: { path: file.path, stages, comments }, problems };
}

function stepOf(instruction: Instruction): Step {
  const start = instruction.getRange().start;
  const keyword = instruction.getKeyword().toUpperCase();
  const text = (instruction.getArgumentsContent() ?? '').trim();
  const pairs =
    keyword === 'ENV' || keyword === 'ARG'
      ? (instruction as Env | Arg).getProperties().map((p) => {
          const at = p.getNameRange().start;
          return { name: p.getName(), value: p.getValue(), line: at.line + 1, column: at.character + 1 };
        })
      : [];
  return {
    keyword,
    text,
    execForm: text.startsWith('['),
    words: instruction.getArguments().map((a) => a.getValue()),
    pairs,
    flags:
      instruction instanceof ModifiableInstruction
        ? instruction
            .getFlags()
            .map((f) => `--${f.getName()}${f.getValue() === null ? '' : `=${f.getValue()}`}`)
        : [],
    line: start.line + 1,
    column: start.character + 1,
  };
}

function stageOf(from: From, step: Step, index: number, globals: Map<string, string>): Stage {
  const written = from.getImage() ?? '';
  const image = written.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (whole, braced, fallback, bare) => {
    const name = braced ?? bare;
    return globals.get(name) ?? fallback ?? whole;
  });
  return { name: from.getBuildStage(), index, image, from: step, steps: [] };
}

/** Comments that may hold exemptions, each tied to the stage of the instruction it precedes (hadolint's reading). */
function commentsOf(text: string, stages: Stage[]): DockerComment[] {
  const starts = stages.map((s) => s.from.line);
  const lines = text.split('\n');
  const out: DockerComment[] = [];
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed.startsWith('#') || !mayHoldExemption(trimmed)) return;
    const lineNo = i + 1;
    const next = starts.findIndex((s) => s > lineNo);
    const inStage = next === -1 ? stages.length - 1 : Math.max(0, next - 1);
    // Only comments and blank lines between it and the next FROM: it is about that stage.
    const nextFrom = starts[next];
    const aboveFrom =
      nextFrom !== undefined && lines.slice(i + 1, nextFrom - 1).every((l) => /^\s*(#.*)?$/.test(l));
    out.push({ text: trimmed.slice(1), line: lineNo, stage: aboveFrom ? next : inStage });
  });
  return out;
}
