// 10,000 generated manifests as `helm template` writes them: each a Deployment with its Service, and
// (for some) a NetworkPolicy, a PodDisruptionBudget, an HPA or a ConfigMap, with mistakes varied from
// file to file (no limits, latest tags, privileged sidecars, hostPath, literal secrets, no probes …)
// and some peers' exemption annotations. Seeded: the same corpus on every run.
import { seededRandom } from '../../packages/steward/src/platform/seeded-random.ts';

export interface Manifest {
  path: string;
  text: string;
}

export function generateCorpus(count: number, seed = 11): Manifest[] {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const namespaces = ['shop', 'payments', 'search', 'identity', 'platform', 'data'];
  const out: Manifest[] = [];
  for (let i = 0; i < count; i++) {
    const name = `svc-${i}`;
    const ns = pick(namespaces);
    const docs = [deployment(name, ns, chance, pick), service(name, ns, chance)];
    if (chance(0.5)) docs.push(networkPolicy(name, ns));
    if (chance(0.4)) docs.push(disruptionBudget(name, ns));
    if (chance(0.2)) docs.push(autoscaler(name, ns));
    if (chance(0.3)) docs.push(configMap(name, ns));
    out.push({ path: `charts/${name}/rendered.yaml`, text: docs.join('') });
  }
  return out;
}

type Chance = (p: number) => boolean;
type Pick = <T>(items: readonly T[]) => T;

function deployment(name: string, ns: string, chance: Chance, pick: Pick): string {
  const image = pick([
    `ghcr.io/acme/${name}:1.${name.length}.0`,
    `ghcr.io/acme/${name}:latest`,
    'nginx',
    `registry.acme.example:5000/${name}@sha256:${'0'.repeat(64)}`,
    'redis:7.2',
  ]);
  const annotations = chance(0.1)
    ? '  annotations:\n    checkov.io/skip1: CKV_K8S_22=writes its cache\n    kube-score/ignore: pod-probes\n'
    : '';
  const resources = chance(0.7)
    ? '          resources:\n            limits:\n              cpu: 500m\n              memory: 256Mi\n            requests:\n              cpu: 100m\n              memory: 128Mi\n'
    : '          resources: {}\n';
  const probes = chance(0.6)
    ? '          livenessProbe:\n            httpGet:\n              path: /livez\n              port: http\n          readinessProbe:\n            httpGet:\n              path: /readyz\n              port: http\n'
    : '';
  const securityContext = chance(0.6)
    ? '          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop:\n                - ALL\n'
    : chance(0.2)
      ? '          securityContext:\n            privileged: true\n            capabilities:\n              add: ["SYS_ADMIN"]\n'
      : '';
  const env = chance(0.1)
    ? '          env:\n            - name: DB_PASSWORD\n              value: "s3cret-value"\n'
    : '          env:\n            - name: LOG_LEVEL\n              value: "info"\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: db\n                  key: password\n';
  const hostPath = chance(0.05)
    ? '        - name: docker\n          hostPath:\n            path: /var/run/docker.sock\n'
    : '';
  const podSecurity = chance(0.5)
    ? '      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n        seccompProfile:\n          type: RuntimeDefault\n'
    : '';
  return `---
# Source: ${name}/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
${annotations}  labels:
    helm.sh/chart: ${name}-0.1.0
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/instance: ${name}
    app.kubernetes.io/managed-by: Helm
spec:
  replicas: ${chance(0.5) ? 3 : 1}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
      app.kubernetes.io/instance: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        app.kubernetes.io/instance: ${name}
    spec:
      serviceAccountName: ${name}
${chance(0.5) ? '      automountServiceAccountToken: false\n' : ''}${podSecurity}      containers:
        - name: ${name}
          image: "${image}"
          imagePullPolicy: IfNotPresent
${securityContext}          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
${env}${probes}${resources}          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
${hostPath}`;
}

function service(name: string, ns: string, chance: Chance): string {
  // Now and then a selector with a typo: the Service selects nothing.
  const selected = chance(0.05) ? `${name}x` : name;
  return `---
# Source: ${name}/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${name}
spec:
  type: ClusterIP
  ports:
    - port: 80
      targetPort: http
      protocol: TCP
      name: http
  selector:
    app.kubernetes.io/name: ${selected}
    app.kubernetes.io/instance: ${name}
`;
}

function networkPolicy(name: string, ns: string): string {
  return `---
# Source: ${name}/templates/networkpolicy.yaml
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: frontend
      ports:
        - protocol: TCP
          port: 8080
`;
}

function disruptionBudget(name: string, ns: string): string {
  return `---
# Source: ${name}/templates/pdb.yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
`;
}

function autoscaler(name: string, ns: string): string {
  return `---
# Source: ${name}/templates/hpa.yaml
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${name}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 80
`;
}

function configMap(name: string, ns: string): string {
  return `---
# Source: ${name}/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
data:
  LOG_FORMAT: json
  FEATURE_FLAGS: "checkout,search"
  config.yaml: |
    server:
      port: 8080
      timeout: 30s
`;
}
