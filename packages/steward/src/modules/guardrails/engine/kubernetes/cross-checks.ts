// Checks that look across every file scanned together: pods no NetworkPolicy selects, Services whose
// selector matches no pods, Ingresses whose backend Service is missing, and multi-replica workloads
// without a PodDisruptionBudget. A namespace is compared with a namespace: selectors never cross one.
import { type Emit, finding } from './finding.ts';
import { field, mapAt, numberAt, pair, seqAt, stringAt, stringMap } from './nodes.ts';
import type { Resource } from './resources.ts';
import { k8s } from './rules.ts';
import { plainSelector, selectorOf } from './selector.ts';
import { PodLabelIndex, SelectorIndex } from './selector-index.ts';

export interface ClusterView {
  workloads: Resource[];
  networkPolicies: SelectorIndex;
  disruptionBudgets: SelectorIndex;
  pods: PodLabelIndex;
  /** `namespace/name` of every Service. */
  services: Set<string>;
  /** HPAs' minReplicas by the `namespace/Kind/name` they scale. */
  autoscaled: Map<string, number>;
}

export function viewOf(resources: Resource[]): ClusterView {
  const view: ClusterView = {
    workloads: [],
    networkPolicies: new SelectorIndex(),
    disruptionBudgets: new SelectorIndex(),
    pods: new PodLabelIndex(),
    services: new Set(),
    autoscaled: new Map(),
  };
  for (const r of resources) {
    if (r.podSpecs.length > 0) view.workloads.push(r);
    for (const pod of r.podSpecs) view.pods.add(r.namespace, pod.labels);
    const spec = mapAt(r.root, 'spec');
    if (r.kind === 'NetworkPolicy') {
      view.networkPolicies.add(r.namespace, selectorOf(field(spec, 'podSelector')));
    } else if (r.kind === 'PodDisruptionBudget') {
      view.disruptionBudgets.add(r.namespace, selectorOf(field(spec, 'selector')));
    } else if (r.kind === 'Service') {
      view.services.add(`${r.namespace}/${r.name}`);
    } else if (r.kind === 'HorizontalPodAutoscaler') {
      const target = mapAt(spec, 'scaleTargetRef');
      const key = `${r.namespace}/${stringAt(target, 'kind')}/${stringAt(target, 'name')}`;
      view.autoscaled.set(key, numberAt(spec, 'minReplicas') ?? 1);
    }
  }
  return view;
}

export function checkNetworkPolicyCoverage(view: ClusterView, emit: Emit): void {
  for (const workload of view.workloads) {
    for (const pod of workload.podSpecs) {
      if (view.networkPolicies.anySelects(workload.namespace, pod.labels)) continue;
      const message = `no NetworkPolicy in namespace ${workload.namespace} selects the pods of ${workload.id}; ${k8s.networkPolicy.fix}`;
      emit(finding(k8s.networkPolicy, workload, workload.root, message, `${pod.path}.networkPolicy`));
    }
  }
}

/** Replicas a workload runs: its own count, or its autoscaler's minimum. */
function replicasOf(
  workload: Resource,
  view: ClusterView,
): { count: number; at: { line: number; column: number } } {
  const spec = mapAt(workload.root, 'spec');
  const hpa = view.autoscaled.get(`${workload.namespace}/${workload.kind}/${workload.name}`);
  const own = numberAt(spec, 'replicas') ?? 1;
  return { count: Math.max(own, hpa ?? 0), at: pair(spec, 'replicas') ?? workload.root };
}

export function checkDisruptionBudgets(view: ClusterView, emit: Emit): void {
  for (const workload of view.workloads) {
    if (workload.kind !== 'Deployment' && workload.kind !== 'StatefulSet') continue;
    const { count, at } = replicasOf(workload, view);
    const pod = workload.podSpecs[0];
    if (count <= 1 || !pod || view.disruptionBudgets.anySelects(workload.namespace, pod.labels)) continue;
    const peerId =
      workload.kind === 'Deployment'
        ? 'deployment-has-poddisruptionbudget'
        : 'statefulset-has-poddisruptionbudget';
    const message = `${workload.id} runs ${count} replicas and no PodDisruptionBudget selects its pods; ${k8s.podDisruptionBudget.fix}`;
    emit(
      finding(k8s.podDisruptionBudget, workload, at, message, 'spec.podDisruptionBudget', {
        aliases: [`kube-score:${peerId}`, 'polaris:missingPodDisruptionBudget'],
      }),
    );
  }
}

export function checkServiceSelectors(services: Resource[], view: ClusterView, emit: Emit): void {
  for (const service of services) {
    const spec = mapAt(service.root, 'spec');
    if (stringAt(spec, 'type') === 'ExternalName') continue;
    const selectorNode = field(spec, 'selector');
    const selector = stringMap(selectorNode);
    // No selector: endpoints are managed by hand, nothing to match.
    if (Object.keys(selector).length === 0) continue;
    const matched = view.pods.anyMatches(service.namespace, plainSelector(selector));
    if (matched) continue;
    const wanted = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const message = `${service.id} selects pods labelled ${wanted}, and no workload in namespace ${service.namespace} has such pods; ${k8s.serviceSelector.fix}`;
    emit(
      finding(k8s.serviceSelector, service, pair(spec, 'selector') ?? service.root, message, 'spec.selector'),
    );
  }
}

export function checkIngressBackends(ingresses: Resource[], view: ClusterView, emit: Emit): void {
  for (const ingress of ingresses) {
    const spec = mapAt(ingress.root, 'spec');
    const backends = [field(spec, 'defaultBackend'), field(spec, 'backend')];
    for (const rule of seqAt(spec, 'rules')) {
      for (const path of seqAt(mapAt(rule, 'http'), 'paths')) backends.push(field(path, 'backend'));
    }
    for (const backend of backends) {
      if (backend?.kind !== 'map') continue;
      const namePair = pair(mapAt(backend, 'service'), 'name') ?? pair(backend, 'serviceName');
      const name = stringAt(mapAt(backend, 'service'), 'name') ?? stringAt(backend, 'serviceName');
      if (name === undefined || !namePair || view.services.has(`${ingress.namespace}/${name}`)) continue;
      const message = `${ingress.id} routes to Service ${name}, which is not among the scanned manifests of namespace ${ingress.namespace}; ${k8s.ingressBackend.fix}`;
      emit(finding(k8s.ingressBackend, ingress, namePair.value, message, `spec.backend.${name}`));
    }
  }
}
