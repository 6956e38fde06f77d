// The Dockerfile analyser: Dockerfile, *.dockerfile and Dockerfile.* files, each checked on its own;
// a finding's resource is its stage's name (FROM … AS name), or null for an unnamed stage. Exemption
// comments (hadolint's, Trivy's, Checkov's, Steward's) cover the stage of the instruction they precede;
// hadolint's `global ignore` covers the whole file.
import type { FileKindAnalyser, RawFinding } from '../model.ts';
import { commentExemptions, type Found } from '../peer-exemptions.ts';
import { checkDockerfile } from './checks.ts';
import { type DockerFile, isDockerfile, parseDockerfile } from './parse-file.ts';
import { dockerRules } from './rules.ts';

export const dockerfileAnalyser: FileKindAnalyser<DockerFile> = {
  kind: 'dockerfile',
  rules: dockerRules,
  accepts: (file) => isDockerfile(file.path),
  parse: parseDockerfile,
  analyse(files, context) {
    const findings: RawFinding[] = [];
    const written: Found = { exemptions: [], problems: [] };
    for (const file of files) {
      checkDockerfile(file, (f) => findings.push(f));
      for (const comment of file.comments) {
        // `# hadolint global ignore=DL3008` holds for every stage of the file.
        const global = /^\s*hadolint global ignore=/.exec(comment.text);
        const text = global ? `hadolint ignore=${comment.text.slice(global[0].length)}` : comment.text;
        const stages = global ? file.stages : [file.stages[comment.stage]];
        for (const resource of new Set(stages.map((s) => s?.name ?? null))) {
          const found = commentExemptions(text, { file: file.path, line: comment.line, resource }, context);
          written.exemptions.push(...found.exemptions);
          written.problems.push(...found.problems);
        }
      }
    }
    return { findings, exemptions: written.exemptions, problems: written.problems, subjects: [] };
  },
};
