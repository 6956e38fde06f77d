// The Terraform analyser: every .tf file parsed with HashiCorp's HCL parser (via hcl2json), all files
// checked together (a bucket's public access block may sit in another file), resources named
// `aws_s3_bucket.logs`. Exemption comments cover the block they are in or right above.
import type { FileKindAnalyser, RawFinding, Subject } from '../model.ts';
import { commentExemptions, type Found } from '../peer-exemptions.ts';
import { loadHcl } from './hcl.ts';
import { checkIamPolicies } from './iam-checks.ts';
import { checkSecurityGroups } from './network-checks.ts';
import { isTerraform, parseTerraformFile, type TfFile, type TfResource } from './parse-file.ts';
import { terraformRules } from './rules.ts';
import { checkStorage } from './storage-checks.ts';
import { text } from './values.ts';

export const terraformAnalyser: FileKindAnalyser<TfFile> = {
  kind: 'terraform',
  rules: terraformRules,
  accepts: (file) => isTerraform(file.path),
  prepare: loadHcl,
  parse: parseTerraformFile,
  analyse(files, context) {
    const findings: RawFinding[] = [];
    const emit = (f: RawFinding) => findings.push(f);
    const resources = files.flatMap((f) => f.resources);
    checkStorage(resources, emit);
    checkSecurityGroups(resources, emit);
    checkIamPolicies(resources, emit);
    const written: Found = { exemptions: [], problems: [] };
    for (const file of files) {
      for (const comment of file.comments) {
        const found = commentExemptions(
          comment.text,
          { file: file.path, line: comment.line, resource: comment.resource },
          context,
        );
        written.exemptions.push(...found.exemptions);
        written.problems.push(...found.problems);
      }
    }
    return {
      findings,
      exemptions: written.exemptions,
      problems: written.problems,
      subjects: resources.map(subjectOf),
    };
  },
};

/** The owner a resource names in its tags (AWS) or labels (GCP), as written. */
function subjectOf(resource: TfResource): Subject {
  const tags = { ...(resource.body.labels as object), ...(resource.body.tags as object) } as Record<
    string,
    unknown
  >;
  const owner = text(tags.owner) ?? text(tags.Owner) ?? text(tags.team) ?? text(tags.Team);
  return {
    id: resource.id,
    file: resource.file.path,
    kind: resource.type,
    namespace: null,
    name: resource.name,
    labels: {},
    ...(owner && !owner.includes('${') ? { owner } : {}),
  };
}
