// A container's security context: privileges, user, root filesystem, seccomp and capabilities. The
// container's own setting wins over the pod's where Kubernetes lets the pod set a default.
import { anchor, at, type ContainerContext } from './container-context.ts';
import { type Container, containerLabel, finding } from './finding.ts';
import { boolAt, field, mapAt, numberAt, pair, stringAt, text, type YamlMap } from './nodes.ts';
import { k8s } from './rules.ts';

export function checkSecurityContext(container: Container, context: ContainerContext): void {
  const { resource, pod, emit } = context;
  const sc = mapAt(container.node, 'securityContext');
  const podSc = mapAt(pod.spec, 'securityContext');
  const who = containerLabel(container);
  const with_ = { container };

  const privileged = pair(sc, 'privileged');
  if (boolAt(sc, 'privileged') === true && privileged) {
    emit(
      finding(
        k8s.privileged,
        resource,
        privileged,
        `${who} runs privileged: it can do anything root on the node can; ${k8s.privileged.fix}`,
        anchor(container, 'securityContext.privileged'),
        with_,
      ),
    );
  }
  const escalation = pair(sc, 'allowPrivilegeEscalation');
  if (boolAt(sc, 'allowPrivilegeEscalation') !== false) {
    const said = escalation
      ? 'sets allowPrivilegeEscalation: true'
      : 'does not set allowPrivilegeEscalation: false (Kubernetes allows it by default)';
    emit(
      finding(
        k8s.privilegeEscalation,
        resource,
        escalation ?? at(container),
        `${who} ${said}; ${k8s.privilegeEscalation.fix}`,
        anchor(container, 'securityContext.allowPrivilegeEscalation'),
        with_,
      ),
    );
  }
  const user = pair(sc, 'runAsUser') ?? pair(podSc, 'runAsUser');
  const runAsUser = numberAt(sc, 'runAsUser') ?? numberAt(podSc, 'runAsUser');
  if (runAsUser === 0 && user) {
    emit(
      finding(
        k8s.runAsUserZero,
        resource,
        user,
        `${who} runs as user 0 (root); ${k8s.runAsUserZero.fix}`,
        anchor(container, 'securityContext.runAsUser'),
        with_,
      ),
    );
  }
  const nonRoot = boolAt(sc, 'runAsNonRoot') ?? boolAt(podSc, 'runAsNonRoot');
  if (nonRoot !== true && !(runAsUser !== undefined && runAsUser > 0)) {
    const where = pair(sc, 'runAsNonRoot') ?? pair(podSc, 'runAsNonRoot') ?? at(container);
    emit(
      finding(
        k8s.runAsRoot,
        resource,
        where,
        `${who} may run as root (no runAsNonRoot: true, no non-zero runAsUser); ${k8s.runAsRoot.fix}`,
        anchor(container, 'securityContext.runAsNonRoot'),
        with_,
      ),
    );
  }
  if (boolAt(sc, 'readOnlyRootFilesystem') !== true) {
    const where = pair(sc, 'readOnlyRootFilesystem') ?? at(container);
    emit(
      finding(
        k8s.writableRootFilesystem,
        resource,
        where,
        `${who} can write to its root filesystem; ${k8s.writableRootFilesystem.fix}`,
        anchor(container, 'securityContext.readOnlyRootFilesystem'),
        with_,
      ),
    );
  }
  checkSeccomp(container, context, sc, podSc);
}

const allowedSeccomp = new Set(['RuntimeDefault', 'Localhost']);
const allowedSeccompAnnotation = new Set(['runtime/default', 'docker/default']);

function checkSeccomp(container: Container, context: ContainerContext, sc?: YamlMap, podSc?: YamlMap): void {
  const own = stringAt(mapAt(sc, 'seccompProfile'), 'type');
  const podType = stringAt(mapAt(podSc, 'seccompProfile'), 'type');
  const annotation = context.pod.annotations.find(
    (a) =>
      a.key === `container.seccomp.security.alpha.kubernetes.io/${container.name}` ||
      a.key === 'seccomp.security.alpha.kubernetes.io/pod',
  );
  const type = own ?? podType;
  if (
    type !== undefined
      ? allowedSeccomp.has(type)
      : annotation && allowedSeccompAnnotation.has(annotation.value)
  )
    return;
  const who = containerLabel(container);
  const said = type === undefined ? 'has no seccomp profile' : `has seccomp profile ${type}`;
  const where = mapAt(sc, 'seccompProfile') ?? mapAt(podSc, 'seccompProfile') ?? at(container);
  context.emit(
    finding(
      k8s.seccomp,
      context.resource,
      where,
      `${who} ${said}; ${k8s.seccomp.fix}`,
      anchor(container, 'securityContext.seccompProfile'),
      { container },
    ),
  );
}

const dangerous = new Set([
  'SYS_ADMIN',
  'NET_ADMIN',
  'ALL',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'BPF',
  'DAC_READ_SEARCH',
]);
/** Polaris' default dangerousCapabilities list. */
const polarisDangerous = new Set(['SYS_ADMIN', 'NET_ADMIN', 'ALL']);

export function checkCapabilities(container: Container, context: ContainerContext): void {
  const add = field(mapAt(container.node, 'securityContext', 'capabilities'), 'add');
  if (add?.kind !== 'seq') return;
  for (const item of add.items) {
    const written = text(item);
    if (written === undefined) continue;
    const capability = written.toUpperCase().replace(/^CAP_/, '');
    if (!dangerous.has(capability)) continue;
    const aliases = [
      ...(polarisDangerous.has(capability) ? ['polaris:dangerousCapabilities'] : []),
      'checkov:CKV_K8S_25',
      ...(capability === 'SYS_ADMIN' ? ['checkov:CKV_K8S_39', 'trivy:KSV005'] : []),
      'trivy:KSV022',
    ];
    const message = `${containerLabel(container)} adds capability ${capability}; ${k8s.dangerousCapabilities.fix}`;
    context.emit(
      finding(
        k8s.dangerousCapabilities,
        context.resource,
        item,
        message,
        anchor(container, `securityContext.capabilities.add.${capability}`),
        { container, aliases },
      ),
    );
  }
}
