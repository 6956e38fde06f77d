// The central policy file (`--policy FILE`): rules switched on or off, the registry allow-list,
// whether peers' exemption syntaxes count, what exemptions written in the manifests may not exempt,
// and central exemptions. Problems are positioned and all reported at once.
//
//   apiVersion: steward.dev/v1
//   kind: GuardrailsPolicy
//   spec:
//     rules: { k8s-image-pull-policy: on, k8s-seccomp-profile: off }
//     allowedRegistries: [ghcr.io/acme, registry.acme.example]
//     allowPeerExemptions: false
//     forbidExemptions:                 # what no annotation or comment may exempt (central ones still may)
//       - { rule: k8s-privileged, namespaces: [prod], reason: "privileged pods need a central exemption" }
//       - { rule: "*", withoutExpiry: true }
//     exemptions:
//       - { rule: k8s-host-path, resource: DaemonSet/monitoring/*, reason: "node exporter", expires: 2026-06-30, approver: "@security" }
//     params: { maxReplicas: 10 }      # `params` in CEL rules
//     customRules: [...]               # rules in CEL: cel/parse-rules.ts
import { parseWithYamlPackage } from '../../../platform/yaml/fallback.ts';
import type { YamlNode } from '../../../platform/yaml/nodes.ts';
import { parseCelPolicy } from './cel/parse-rules.ts';
import { isDate } from './exemption-syntax.ts';
import { field, pair, seqAt, stringAt, text } from './kubernetes/nodes.ts';
import type { CentralExemption, FileProblem, ForbiddenExemption, Rule, ScanConfig } from './model.ts';

export type PolicyConfig = Pick<
  ScanConfig,
  'ruleToggles' | 'allowedRegistries' | 'exemptions' | 'allowPeerExemptions' | 'forbiddenExemptions' | 'cel'
>;

export function parsePolicy(
  file: string,
  source: string,
  rules: Rule[],
): { policy: PolicyConfig; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const policy: PolicyConfig = {
    ruleToggles: {},
    allowedRegistries: [],
    exemptions: [],
    allowPeerExemptions: true,
    forbiddenExemptions: [],
    cel: { rules: [], params: null },
  };
  const problem = (at: { line: number; column: number }, message: string) =>
    problems.push({ file, ...at, message });
  const docs = parseWithYamlPackage(source);
  const doc = docs[0];
  for (const error of doc?.errors ?? []) problem(error, `not valid YAML: ${error.message}`);
  const root = doc?.contents;
  if (root?.kind !== 'map' || stringAt(root, 'kind') !== 'GuardrailsPolicy') {
    if (problems.length === 0)
      problem(
        root ?? { line: 1, column: 1 },
        'expected kind: GuardrailsPolicy (apiVersion steward.dev/v1) with a spec',
      );
    return { policy, problems };
  }
  const spec = field(root, 'spec');
  const builtIn = new Set(rules.map((r) => r.id));
  policy.cel = parseCelPolicy(spec, source, builtIn, problem);
  const known = new Set([...builtIn, ...policy.cel.rules.map((r) => r.rule.id)]);
  const toggles = field(spec, 'rules');
  if (toggles?.kind === 'map') {
    for (const p of toggles.pairs) {
      const value = p.value.kind === 'scalar' ? p.value.value : undefined;
      const on =
        value === true || value === 'on' ? true : value === false || value === 'off' ? false : undefined;
      if (!known.has(p.key))
        problem(p, `no rule ${p.key}; the rules are listed by steward scan --list-rules`);
      else if (on === undefined) problem(p.value, `rules.${p.key} must be on or off`);
      else policy.ruleToggles[p.key] = on;
    }
  }
  policy.allowedRegistries = seqAt(spec, 'allowedRegistries').flatMap((n) => text(n) ?? []);
  const peersAllowed = field(spec, 'allowPeerExemptions');
  if (peersAllowed?.kind === 'scalar' && typeof peersAllowed.value === 'boolean')
    policy.allowPeerExemptions = peersAllowed.value;
  else if (peersAllowed) problem(peersAllowed, 'allowPeerExemptions must be true or false');
  const forbids = field(spec, 'forbidExemptions');
  if (forbids && forbids.kind !== 'seq')
    problem(forbids, 'forbidExemptions must be a list: - { rule: k8s-privileged, namespaces: [prod] }');
  seqAt(spec, 'forbidExemptions').forEach((node, i) => {
    const forbid = forbiddenExemption(file, node, i, known, problem);
    if (forbid) policy.forbiddenExemptions.push(forbid);
  });
  seqAt(spec, 'exemptions').forEach((node, i) => {
    const exemption = centralExemption(file, node, i, known, problem);
    if (exemption) policy.exemptions.push(exemption);
  });
  return { policy, problems };
}

const forbidFields = new Set(['rule', 'namespaces', 'withoutExpiry', 'reason']);

function forbiddenExemption(
  file: string,
  node: YamlNode,
  index: number,
  known: Set<string>,
  problem: (at: { line: number; column: number }, message: string) => void,
): ForbiddenExemption | undefined {
  const where = `forbidExemptions[${index}]`;
  if (node.kind !== 'map') return void problem(node, `${where} must be a map: { rule: k8s-privileged }`);
  const stray = node.pairs.find((p) => !forbidFields.has(p.key));
  if (stray) {
    return void problem(
      stray,
      `${where}: ${stray.key} is not a field here (use ${[...forbidFields].join(', ')})`,
    );
  }
  const rules = (stringAt(node, 'rule') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (rules.length === 0)
    return void problem(node, `${where} names no rule (rule: k8s-privileged, or "*" for every rule)`);
  const unknown = rules.find((r) => r !== '*' && !known.has(r));
  if (unknown) return void problem(pair(node, 'rule') ?? node, `${where}: no rule ${unknown}`);
  const listed = field(node, 'namespaces');
  let namespaces: string[] | null = null;
  if (listed) {
    namespaces = listed.kind === 'seq' ? listed.items.flatMap((n) => text(n) ?? []) : [];
    if (listed.kind !== 'seq' || namespaces.length === 0)
      return void problem(listed, `${where}: namespaces must be a list of namespace names: [prod, payments]`);
  }
  const expiry = field(node, 'withoutExpiry');
  if (expiry && !(expiry.kind === 'scalar' && typeof expiry.value === 'boolean'))
    return void problem(expiry, `${where}: withoutExpiry must be true or false`);
  return {
    rules,
    namespaces,
    withoutExpiry: expiry?.kind === 'scalar' && expiry.value === true,
    reason: stringAt(node, 'reason') ?? null,
    file,
    line: node.line,
  };
}

function centralExemption(
  file: string,
  node: YamlNode,
  index: number,
  known: Set<string>,
  problem: (at: { line: number; column: number }, message: string) => void,
): CentralExemption | undefined {
  const where = `exemptions[${index}]`;
  const rules = (stringAt(node, 'rule') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const reason = stringAt(node, 'reason');
  const expires = stringAt(node, 'expires') ?? null;
  if (rules.length === 0) return void problem(node, `${where} names no rule (rule: k8s-host-path)`);
  const unknown = rules.find((r) => !known.has(r));
  if (unknown) return void problem(pair(node, 'rule') ?? node, `${where}: no rule ${unknown}`);
  if (!reason) return void problem(node, `${where} gives no reason; say why it is acceptable`);
  if (expires !== null && !isDate(expires))
    return void problem(pair(node, 'expires') ?? node, `${where}: expires must be YYYY-MM-DD`);
  return {
    rules,
    written: rules.join(','),
    reason,
    expires,
    approver: stringAt(node, 'approver') ?? null,
    container: stringAt(node, 'container') ?? null,
    image: stringAt(node, 'image') ?? null,
    resourceMatch: stringAt(node, 'resource') ?? null,
    path: stringAt(node, 'path') ?? null,
    file,
    line: node.line,
  };
}
