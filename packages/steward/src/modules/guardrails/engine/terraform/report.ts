// How Terraform checks report: the resource (`aws_s3_bucket.logs`), the line of the offending
// attribute (or of the block, when the attribute is missing), and an anchor that keeps the
// fingerprint stable when lines move.
import type { RawFinding, Rule } from '../model.ts';
import { lineOfKey } from './locate.ts';
import type { TfResource } from './parse-file.ts';

export type Report = (finding: RawFinding) => void;

/** The line of `key` in the resource (the `nth` one, for repeated blocks like ingress), else its header. */
export function at(resource: TfResource, key: string, nth = 0): number {
  return lineOfKey(resource.file.layout, resource.place, key, nth);
}

export function report(
  resource: TfResource,
  rule: Rule,
  line: number,
  message: string,
  anchor: string,
  aliases?: string[],
): RawFinding {
  const indent = /^\s*/.exec(resource.file.layout.lines[line - 1] ?? '')?.[0].length ?? 0;
  return {
    ruleId: rule.id,
    message: `${message}; ${rule.fix}`,
    file: resource.file.path,
    line,
    column: indent + 1,
    resource: resource.id,
    anchor,
    ...(aliases ? { aliases } : {}),
  };
}
