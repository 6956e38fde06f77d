// IAM policies granting every action on every resource, written as a JSON string (heredoc or
// literal), as jsonencode({...}), or as an aws_iam_policy_document data source.
import { parseHcl } from './hcl.ts';
import type { Body, TfResource } from './parse-file.ts';
import { at, type Report, report } from './report.ts';
import { tf } from './rules.ts';
import { blocks, list, text } from './values.ts';

const policyTypes = new Set([
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
]);
const trivy = ['trivy:AWS-0057', 'trivy:AVD-AWS-0057'];

export function checkIamPolicies(resources: TfResource[], emit: Report): void {
  for (const resource of resources) {
    if (resource.keyword === 'resource' && policyTypes.has(resource.type)) {
      const document = policyDocument(resource.body.policy);
      const statements = list((document as Body | null)?.Statement);
      if (statements.some((s) => grantsAll(s as Body, 'Action', 'Resource', 'Effect'))) {
        const aliases = ['checkov:CKV_AWS_62', 'checkov:CKV_AWS_63', ...trivy];
        emit(
          report(
            resource,
            tf.iamAdmin,
            at(resource, 'policy'),
            `${resource.id} allows Action "*" on Resource "*"`,
            'policy',
            aliases,
          ),
        );
      }
    } else if (resource.keyword === 'data' && resource.type === 'aws_iam_policy_document') {
      blocks(resource.body, 'statement').forEach((statement, i) => {
        if (!grantsAll(statement, 'actions', 'resources', 'effect')) return;
        const aliases = ['checkov:CKV_AWS_1', ...trivy];
        emit(
          report(
            resource,
            tf.iamAdmin,
            at(resource, 'statement', i),
            `${resource.id} statement ${i + 1} allows actions ["*"] on resources ["*"]`,
            `statement[${i}]`,
            aliases,
          ),
        );
      });
    }
  }
}

function grantsAll(statement: Body, actionKey: string, resourceKey: string, effectKey: string): boolean {
  if (typeof statement !== 'object' || statement === null) return false;
  const effect = text(statement[effectKey]) ?? 'Allow';
  const star = (key: string) => list(statement[key]).some((v) => v === '*' || v === '*:*');
  return effect === 'Allow' && star(actionKey) && star(resourceKey);
}

/** The policy as an object: a JSON string, or jsonencode's argument read as HCL. */
function policyDocument(value: unknown): unknown {
  if (typeof value === 'object') return value;
  const written = text(value)?.trim();
  if (written === undefined) return null;
  const encoded = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(written);
  if (encoded) {
    const parsed = parseHcl('jsonencode.tf', `value = ${encoded[1]}\n`);
    return parsed.ok ? parsed.json.value : null;
  }
  try {
    return JSON.parse(written);
  } catch {
    return null;
  }
}
