// A .tf file read for the scanner: hcl2json's JSON for its `resource` and `data` blocks, each paired
// with its place in the text (found by the linear layout scanner), and the comments that may hold
// exemptions. Invalid HCL is a positioned problem for that file.
import type { FileProblem, SourceFile } from '../model.ts';
import { mayHoldExemption } from '../peer-exemptions.ts';
import { parseHcl } from './hcl.ts';
import { type BlockPlace, blockOfComment, type Layout, layoutOf } from './locate.ts';

export type Body = Record<string, unknown>;

export interface TfResource {
  /** `aws_s3_bucket.logs`, `data.aws_iam_policy_document.admin`. */
  id: string;
  keyword: string;
  type: string;
  name: string;
  body: Body;
  place: BlockPlace;
  file: TfFile;
}

export interface TfComment {
  text: string;
  line: number;
  /** The resource it speaks for, or null when no block follows it. */
  resource: string | null;
}

export interface TfFile {
  path: string;
  layout: Layout;
  resources: TfResource[];
  comments: TfComment[];
}

export const isTerraform = (path: string) => /\.tf$/i.test(path);

export function parseTerraformFile(file: SourceFile): { parsed: TfFile | null; problems: FileProblem[] } {
  const result = parseHcl(file.path, file.text);
  if (!result.ok) {
    const { line, column, message } = result;
    return {
      parsed: null,
      problems: [{ file: file.path, line, column, message: `not valid HCL: ${message}` }],
    };
  }
  const layout = layoutOf(file.text);
  const parsed: TfFile = { path: file.path, layout, resources: [], comments: [] };
  for (const keyword of ['resource', 'data']) {
    const byType = (result.json[keyword] ?? {}) as Record<string, Record<string, Body[]>>;
    for (const [type, byName] of Object.entries(byType)) {
      for (const [name, bodies] of Object.entries(byName)) {
        const place = layout.blocks.find((b) => b.keyword === keyword && b.type === type && b.name === name);
        const body = bodies[0];
        if (!place || !body) continue;
        const id = keyword === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        parsed.resources.push({ id, keyword, type, name, body, place, file: parsed });
      }
    }
  }
  for (const comment of layout.comments) {
    if (!mayHoldExemption(comment.text)) continue;
    const block = blockOfComment(layout, comment.line);
    const resource = block
      ? block.keyword === 'data'
        ? `data.${block.type}.${block.name}`
        : `${block.type}.${block.name}`
      : null;
    parsed.comments.push({ text: comment.text, line: comment.line, resource });
  }
  return { parsed, problems: [] };
}
