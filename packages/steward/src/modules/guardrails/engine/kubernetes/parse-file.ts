// A YAML file read for the scanner: the documents (the fast subset parser, else the `yaml` package,
// both giving positions), each document's syntax errors positioned, and the comments that may hold
// exemptions, each tied to the document it sits in.
import { parseWithYamlPackage } from '../../../../platform/yaml/fallback.ts';
import { parseFast } from '../../../../platform/yaml/fast-parser.ts';
import type { YamlDocument } from '../../../../platform/yaml/nodes.ts';
import type { FileProblem, SourceFile } from '../model.ts';
import { mayHoldExemption } from '../peer-exemptions.ts';

export interface ExemptionComment {
  text: string;
  line: number;
  /** Index of the document it belongs to; -1 before the first (a file header). */
  document: number;
}

export interface YamlFile {
  path: string;
  documents: YamlDocument[];
  comments: ExemptionComment[];
}

export function parseYamlFile(file: SourceFile): { parsed: YamlFile | null; problems: FileProblem[] } {
  const documents = parseFast(file.text) ?? parseWithYamlPackage(file.text);
  const problems: FileProblem[] = [];
  for (const doc of documents) {
    for (const error of doc.errors) {
      problems.push({
        file: file.path,
        line: error.line,
        column: error.column,
        message: `not valid YAML: ${error.message}`,
      });
    }
  }
  const readable = documents.some((d) => d.errors.length === 0);
  if (!readable && documents.length > 0) return { parsed: null, problems };
  const comments = mayHoldExemption(file.text) ? exemptionComments(file.text, documents) : [];
  return { parsed: { path: file.path, documents, comments }, problems };
}

/** Comments naming an exemption, with the document each sits in (counted by `---` lines). */
function exemptionComments(text: string, documents: YamlDocument[]): ExemptionComment[] {
  const lines = text.split('\n');
  const separators: number[] = [];
  lines.forEach((line, i) => {
    if (/^---(\s|$)/.test(line)) separators.push(i + 1);
  });
  const segmentOf = (line: number) => separators.filter((s) => s <= line).length;
  // Document i lives in the segment its first line is in; a segment may hold no document.
  const documentBySegment = new Map<number, number>();
  documents.forEach((doc, i) => {
    if (doc.contents) documentBySegment.set(segmentOf(doc.contents.line), i);
  });
  const out: ExemptionComment[] = [];
  lines.forEach((line, i) => {
    if (!mayHoldExemption(line)) return;
    const hash = commentStart(line);
    if (hash === -1) return;
    const lineNo = i + 1;
    out.push({
      text: line.slice(hash + 1),
      line: lineNo,
      document: documentBySegment.get(segmentOf(lineNo)) ?? -1,
    });
  });
  return out;
}

/** Where a `#` comment starts on the line (at the start, or after a space, outside quotes), or -1. */
function commentStart(line: string): number {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || line[i - 1] === ' ' || line[i - 1] === ':') quote = c;
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
      return i;
    }
  }
  return -1;
}
