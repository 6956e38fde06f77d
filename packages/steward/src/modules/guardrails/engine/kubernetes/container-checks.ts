// Checks on each container of a pod spec: its security context (container-security.ts), resources,
// image, probes, ports and environment.

import { secretReason } from '../secret-values.ts';
import { anchor, at, type ContainerContext } from './container-context.ts';
import { checkCapabilities, checkSecurityContext } from './container-security.ts';
import { type Container, containerLabel, finding } from './finding.ts';
import { fromAllowedRegistry, parseImage } from './image.ts';
import { field, mapAt, numberAt, pair, seqAt, stringAt } from './nodes.ts';
import type { PodSpec } from './resources.ts';
import { k8s } from './rules.ts';

export type { ContainerContext } from './container-context.ts';

export function containersOf(pod: PodSpec): Container[] {
  const out: Container[] = [];
  for (const list of ['initContainers', 'containers']) {
    for (const node of seqAt(pod.spec, list)) {
      if (node.kind !== 'map') continue;
      out.push({
        name: stringAt(node, 'name') ?? '(unnamed)',
        image: stringAt(node, 'image') ?? null,
        list,
        node,
      });
    }
  }
  return out;
}

export function checkContainer(container: Container, context: ContainerContext): void {
  checkSecurityContext(container, context);
  checkCapabilities(container, context);
  checkResources(container, context);
  checkImage(container, context);
  if (container.list === 'containers' && !context.runsToCompletion) checkProbes(container, context);
  checkPorts(container, context);
  checkEnv(container, context);
}

function checkResources(container: Container, context: ContainerContext): void {
  const resources = mapAt(container.node, 'resources');
  const checks = [
    [k8s.cpuRequests, 'requests', 'cpu'],
    [k8s.cpuLimits, 'limits', 'cpu'],
    [k8s.memoryRequests, 'requests', 'memory'],
    [k8s.memoryLimits, 'limits', 'memory'],
  ] as const;
  for (const [rule, kind, what] of checks) {
    if (stringAt(mapAt(resources, kind), what) !== undefined) continue;
    const where = mapAt(resources, kind) ?? resources ?? at(container);
    const message = `${containerLabel(container)} sets no resources.${kind}.${what}; ${rule.fix}`;
    context.emit(
      finding(rule, context.resource, where, message, anchor(container, `resources.${kind}.${what}`), {
        container,
      }),
    );
  }
}

function checkImage(container: Container, context: ContainerContext): void {
  const node = pair(container.node, 'image');
  if (!node || container.image === null) return;
  const image = parseImage(container.image);
  const who = containerLabel(container);
  if (image.digest === null && (image.tag === null || image.tag === 'latest')) {
    const said = image.tag === null ? 'has no tag (so it means latest)' : 'uses the tag latest';
    context.emit(
      finding(
        k8s.imageTag,
        context.resource,
        node.value,
        `${who}: image ${container.image} ${said}; ${k8s.imageTag.fix}`,
        anchor(container, 'image'),
        { container },
      ),
    );
  }
  if (context.allowedRegistries.length > 0 && !fromAllowedRegistry(image, context.allowedRegistries)) {
    const message = `${who}: image ${container.image} comes from ${image.registry}, not one of ${context.allowedRegistries.join(', ')}; ${k8s.imageRegistry.fix}`;
    context.emit(
      finding(k8s.imageRegistry, context.resource, node.value, message, anchor(container, 'image.registry'), {
        container,
      }),
    );
  }
  const policy = stringAt(container.node, 'imagePullPolicy');
  if (policy !== 'Always') {
    const where = pair(container.node, 'imagePullPolicy') ?? node;
    const said = policy === undefined ? 'sets no imagePullPolicy' : `has imagePullPolicy ${policy}`;
    context.emit(
      finding(
        k8s.imagePullPolicy,
        context.resource,
        where,
        `${who} ${said}; ${k8s.imagePullPolicy.fix}`,
        anchor(container, 'imagePullPolicy'),
        { container },
      ),
    );
  }
}

function checkProbes(container: Container, context: ContainerContext): void {
  for (const [rule, key] of [
    [k8s.livenessProbe, 'livenessProbe'],
    [k8s.readinessProbe, 'readinessProbe'],
  ] as const) {
    if (field(container.node, key)?.kind === 'map') continue;
    context.emit(
      finding(
        rule,
        context.resource,
        at(container),
        `${containerLabel(container)} has no ${key}; ${rule.fix}`,
        anchor(container, key),
        { container },
      ),
    );
  }
}

function checkPorts(container: Container, context: ContainerContext): void {
  for (const port of seqAt(container.node, 'ports')) {
    const hostPort = numberAt(port, 'hostPort');
    const where = pair(port, 'hostPort');
    if (hostPort === undefined || hostPort === 0 || !where) continue;
    const message = `${containerLabel(container)} binds hostPort ${hostPort} on the node; ${k8s.hostPort.fix}`;
    context.emit(
      finding(
        k8s.hostPort,
        context.resource,
        where,
        message,
        anchor(container, `ports.hostPort.${hostPort}`),
        { container },
      ),
    );
  }
}

function checkEnv(container: Container, context: ContainerContext): void {
  for (const variable of seqAt(container.node, 'env')) {
    const name = stringAt(variable, 'name');
    const value = stringAt(variable, 'value');
    const where = pair(variable, 'value');
    if (name === undefined || value === undefined || !where) continue;
    const reason = secretReason(name, value);
    if (reason === null) continue;
    const message = `${containerLabel(container)}: env ${name} looks like a secret (${reason}; value not shown); ${k8s.secretInEnv.fix}`;
    context.emit(
      finding(k8s.secretInEnv, context.resource, where, message, anchor(container, `env.${name}`), {
        container,
      }),
    );
  }
}
