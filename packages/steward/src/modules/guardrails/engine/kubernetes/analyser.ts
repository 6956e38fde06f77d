// The Kubernetes analyser: YAML files in, resources found, every check run over all of them at once,
// and the exemptions their annotations and comments carry.
import { checkCelRules } from '../cel/evaluate.ts';
import type { AnalyseContext, FileKindAnalyser, FileProblem, RawFinding, SourceFile } from '../model.ts';
import type { Found } from '../peer-exemptions.ts';
import { annotationExemptions, commentExemptions } from '../peer-exemptions.ts';
import { checkContainer, containersOf } from './container-checks.ts';
import {
  checkDisruptionBudgets,
  checkIngressBackends,
  checkNetworkPolicyCoverage,
  checkServiceSelectors,
  viewOf,
} from './cross-checks.ts';
import type { Emit } from './finding.ts';
import { boolAt, stringAt } from './nodes.ts';
import { parseYamlFile, type YamlFile } from './parse-file.ts';
import { checkPod } from './pod-checks.ts';
import { checkRbacWildcards } from './rbac-checks.ts';
import { type Resource, resourcesOf } from './resources.ts';
import { kubernetesRules } from './rules.ts';

const jobKinds = new Set(['Job', 'CronJob']);

export const kubernetesAnalyser: FileKindAnalyser<YamlFile> = {
  kind: 'kubernetes',
  rules: kubernetesRules,
  accepts: (file: SourceFile) => /\.ya?ml$/i.test(file.path),
  parse: parseYamlFile,
  analyse(files, context) {
    const findings: RawFinding[] = [];
    const emit: Emit = (f) => findings.push(f);
    const written: Found = { exemptions: [], problems: [] };
    const resources: Resource[] = [];
    for (const file of files) {
      const found = resourcesOf(file.path, file.documents);
      resources.push(...found);
      writtenExemptions(file, found, context, written);
    }
    const view = viewOf(resources);
    const tokenlessAccounts = new Set(
      resources
        .filter(
          (r) => r.kind === 'ServiceAccount' && boolAt(r.root, 'automountServiceAccountToken') === false,
        )
        .map((r) => `${r.namespace}/${r.name}`),
    );
    const allowedRegistries = context.config.allowedRegistries;
    for (const resource of resources) {
      for (const pod of resource.podSpecs) {
        checkPod({ resource, pod, tokenlessAccounts, emit });
        const restart = stringAt(pod.spec, 'restartPolicy');
        const runsToCompletion =
          jobKinds.has(resource.kind) ||
          pod.path.includes('jobTemplate') ||
          restart === 'Never' ||
          restart === 'OnFailure';
        for (const container of containersOf(pod)) {
          checkContainer(container, { resource, pod, allowedRegistries, runsToCompletion, emit });
        }
      }
      if (resource.kind === 'Role' || resource.kind === 'ClusterRole') checkRbacWildcards(resource, emit);
    }
    checkCelRules(resources, context.config.cel, emit);
    checkNetworkPolicyCoverage(view, emit);
    checkDisruptionBudgets(view, emit);
    checkServiceSelectors(
      resources.filter((r) => r.kind === 'Service'),
      view,
      emit,
    );
    checkIngressBackends(
      resources.filter((r) => r.kind === 'Ingress'),
      view,
      emit,
    );
    const problems: FileProblem[] = written.problems;
    const subjects = resources.map(({ id, file, kind, namespace, name, labels, podSpecs }) => ({
      id,
      file,
      kind,
      namespace,
      name,
      labels: { ...(podSpecs[0]?.labels ?? {}), ...labels },
    }));
    return { findings, exemptions: written.exemptions, problems, subjects };
  },
};

/** Exemptions from each resource's annotations (its own and its pod template's) and the comments in its document. */
function writtenExemptions(file: YamlFile, resources: Resource[], context: AnalyseContext, out: Found): void {
  for (const resource of resources) {
    const where = { file: file.path, resource: resource.id };
    const annotations = [
      ...resource.annotations,
      ...resource.podSpecs.flatMap((p) => (p.annotations === resource.annotations ? [] : p.annotations)),
    ];
    collect(out, annotationExemptions(annotations, where, context));
    for (const comment of file.comments) {
      if (comment.document === resource.document) {
        collect(out, commentExemptions(comment.text, { ...where, line: comment.line }, context));
      }
    }
  }
}

function collect(into: Found, found: Found): void {
  into.exemptions.push(...found.exemptions);
  into.problems.push(...found.problems);
}
