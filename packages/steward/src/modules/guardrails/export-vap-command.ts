// `steward guardrails export-vap --policy FILE`: the policy file's CEL rules as ValidatingAdmissionPolicy
// and binding manifests, for `kubectl apply`, so the cluster enforces what `steward scan` reports.
import { readFile, writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { stringify } from 'yaml';
import { examples, usageError } from '../../platform/cli/program.ts';
import { exportVap, paramsObjectName, type ValidationAction } from './engine/cel/export-vap.ts';
import { parsePolicy } from './engine/policy.ts';
import { scanner } from './engine/scanners.ts';
import { registerGenerateCommand } from './generate-command.ts';
import { registerUploadCommand } from './scans/upload-command.ts';

interface ExportFlags {
  policy: string;
  out?: string;
  action: ValidationAction;
}

export function registerGuardrailsCommands(program: Command): void {
  const guardrails = program
    .command('guardrails')
    .description(
      "Guardrails beyond scanning: policies for the cluster, each team's namespace guardrails, scans kept on the server.",
    );
  registerGenerateCommand(guardrails);
  registerUploadCommand(guardrails);
  guardrails
    .command('export-vap')
    .description(
      "Turn the policy file's CEL rules (customRules) into ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding manifests (admissionregistration.k8s.io/v1, Kubernetes 1.30+).",
    )
    .requiredOption('--policy <file>', 'the GuardrailsPolicy file whose customRules to export')
    .option('--out <file>', 'write the manifests here instead of stdout')
    .addOption(
      new Option('--action <action>', 'what the cluster does with a violation (validationActions)')
        .choices(['Deny', 'Warn', 'Audit'])
        .default('Deny'),
    )
    .addHelpText(
      'after',
      `
Rules that read \`params\` also get a GuardrailsParams CRD and one GuardrailsParams object named
${paramsObjectName} holding the policy's params; edit that object to change them in the cluster.
${examples(
  'steward guardrails export-vap --policy guardrails.yaml | kubectl apply -f -',
  'steward guardrails export-vap --policy guardrails.yaml --action Warn --out vap.yaml',
)}`,
    )
    .action(async (flags: ExportFlags) => {
      const text = await readFile(flags.policy, 'utf8').catch((error: Error) => {
        throw usageError(`cannot read the policy ${flags.policy}: ${error.message}`);
      });
      const { policy, problems } = parsePolicy(flags.policy, text, scanner.rules);
      const [first, ...rest] = problems;
      if (first) {
        for (const p of rest) process.stderr.write(`${p.file}:${p.line}:${p.column}: ${p.message}\n`);
        throw usageError(`${first.file}:${first.line}:${first.column}: ${first.message}`);
      }
      if (policy.cel.rules.length === 0)
        throw usageError(`${flags.policy} has no customRules to export (spec.customRules: [...])`);
      const manifests = exportVap(policy.cel, flags.action);
      const yaml = manifests.map((m) => `---\n${stringify(m, { lineWidth: 0 })}`).join('');
      if (flags.out) {
        await writeFile(flags.out, yaml);
        process.stderr.write(`steward: wrote ${manifests.length} objects to ${flags.out}\n`);
      } else process.stdout.write(yaml);
    });
}
