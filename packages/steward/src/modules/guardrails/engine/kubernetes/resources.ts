// From a YAML file to Kubernetes resources: each document with apiVersion and kind (a `List`'s items
// too), named `Kind/namespace/name` (`Kind/name` when cluster-wide), with every pod spec it embeds
// found generically: a Pod's spec, a workload's template, a CronJob's jobTemplate, or any custom
// resource that carries `…template.spec.containers`.
import type { YamlDocument } from '../../../../platform/yaml/nodes.ts';
import { field, mapAt, pair, stringAt, stringMap, text, type YamlMap, type YamlNode } from './nodes.ts';

export interface Annotation {
  key: string;
  value: string;
  line: number;
}

export interface PodSpec {
  spec: YamlMap;
  /** Where it sits in the resource, for anchors and messages: `spec.template.spec`. */
  path: string;
  /** The pods' labels (the template's, or the Pod's own). */
  labels: Record<string, string>;
  annotations: Annotation[];
}

export interface Resource {
  kind: string;
  apiVersion: string;
  name: string;
  /** Null for cluster-wide kinds. */
  namespace: string | null;
  /** `Kind/namespace/name`, or `Kind/name` when cluster-wide. */
  id: string;
  file: string;
  line: number;
  root: YamlMap;
  labels: Record<string, string>;
  annotations: Annotation[];
  podSpecs: PodSpec[];
  /** Which document of the file (0-based) it came from; comments are matched to it. */
  document: number;
}

/** Kinds with no namespace. Anything else is namespaced, `default` when the manifest says none. */
const clusterWide = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'PodSecurityPolicy',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CSIDriver',
  'VolumeAttachment',
]);

export function resourcesOf(file: string, documents: YamlDocument[]): Resource[] {
  const out: Resource[] = [];
  documents.forEach((doc, index) => {
    const root = doc.contents;
    if (root?.kind !== 'map') return;
    const kind = stringAt(root, 'kind');
    if (kind?.endsWith('List') && field(root, 'items')?.kind === 'seq') {
      for (const item of (field(root, 'items') as { items: YamlNode[] }).items) {
        const resource = item.kind === 'map' ? resourceOf(file, item, index) : undefined;
        if (resource) out.push(resource);
      }
      return;
    }
    const resource = resourceOf(file, root, index);
    if (resource) out.push(resource);
  });
  return out;
}

function resourceOf(file: string, root: YamlMap, document: number): Resource | undefined {
  const kind = stringAt(root, 'kind');
  const apiVersion = stringAt(root, 'apiVersion');
  if (!kind || !apiVersion) return undefined;
  const metadata = mapAt(root, 'metadata');
  const name = stringAt(metadata, 'name') ?? stringAt(metadata, 'generateName') ?? '(unnamed)';
  const namespace = clusterWide.has(kind) ? null : (stringAt(metadata, 'namespace') ?? 'default');
  const id = namespace === null ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
  const labels = stringMap(field(metadata, 'labels'));
  const annotations = annotationsOf(metadata);
  const podSpecs: PodSpec[] = [];
  const spec = mapAt(root, 'spec');
  if (spec) findPodSpecs(spec, 'spec', { labels, annotations }, podSpecs, 0);
  return {
    kind,
    apiVersion,
    name,
    namespace,
    id,
    file,
    line: root.line,
    root,
    labels,
    annotations,
    podSpecs,
    document,
  };
}

export function annotationsOf(metadata: YamlNode | undefined): Annotation[] {
  const node = field(metadata, 'annotations');
  if (node?.kind !== 'map') return [];
  return node.pairs.flatMap((p) => {
    const value = text(p.value);
    return value === undefined ? [] : [{ key: p.key, value, line: p.line }];
  });
}

const maxPodSpecDepth = 6;

/** A map with a `containers` list is a pod spec; its parent template's metadata gives the pods' labels. */
function findPodSpecs(
  spec: YamlMap,
  path: string,
  owner: { labels: Record<string, string>; annotations: Annotation[] },
  out: PodSpec[],
  depth: number,
): void {
  if (field(spec, 'containers')?.kind === 'seq') {
    out.push({ spec, path, labels: owner.labels, annotations: owner.annotations });
    return;
  }
  if (depth >= maxPodSpecDepth) return;
  for (const p of spec.pairs) {
    if (p.value.kind !== 'map' || p.key === 'metadata' || p.key === 'selector') continue;
    const inner = mapAt(p.value, 'spec');
    if (inner && (p.key.endsWith('emplate') || p.key.endsWith('Template'))) {
      const metadata = field(p.value, 'metadata');
      const template = { labels: stringMap(field(metadata, 'labels')), annotations: annotationsOf(metadata) };
      findPodSpecs(inner, `${path}.${p.key}.spec`, template, out, depth + 1);
    } else if (pair(p.value, 'containers') || depth < 3) {
      findPodSpecs(p.value, `${path}.${p.key}`, owner, out, depth + 1);
    }
  }
}
