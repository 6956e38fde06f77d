// Manifests shaped as `helm template` renders them: a hardened Deployment that passes every rule,
// with the Service, NetworkPolicy and PodDisruptionBudget it needs. Tests change one line at a time.
import { expect } from 'vitest';
import type { ScanConfig, SourceFile } from '../model.ts';
import { defaultScanConfig } from '../scan.ts';
import { scanner } from '../scanners.ts';

export const hardenedDeployment = `---
# Source: checkout/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
  labels:
    helm.sh/chart: checkout-1.4.2
    app.kubernetes.io/name: checkout
    app.kubernetes.io/instance: checkout
    app.kubernetes.io/managed-by: Helm
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: checkout
      app.kubernetes.io/instance: checkout
  template:
    metadata:
      labels:
        app.kubernetes.io/name: checkout
        app.kubernetes.io/instance: checkout
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: checkout
          image: "ghcr.io/acme/checkout:1.4.2"
          imagePullPolicy: IfNotPresent
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop:
                - ALL
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: LOG_LEVEL
              value: "info"
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: checkout-db
                  key: password
          livenessProbe:
            httpGet:
              path: /livez
              port: http
          readinessProbe:
            httpGet:
              path: /readyz
              port: http
          resources:
            limits:
              cpu: 500m
              memory: 256Mi
            requests:
              cpu: 100m
              memory: 128Mi
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
`;

export const companions = `---
# Source: checkout/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: checkout
  namespace: shop
spec:
  type: ClusterIP
  ports:
    - port: 80
      targetPort: http
  selector:
    app.kubernetes.io/name: checkout
    app.kubernetes.io/instance: checkout
---
# Source: checkout/templates/networkpolicy.yaml
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: checkout
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: checkout
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector: {}
---
# Source: checkout/templates/pdb.yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: checkout
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: checkout
`;

/** `text` with `from` replaced by `to`; fails the test if `from` is not there (the change must happen). */
export function mutate(text: string, from: string, to: string): string {
  expect(text, `the manifest should contain ${JSON.stringify(from)}`).toContain(from);
  return text.replace(from, to);
}

export function scanTexts(files: Record<string, string>, config: Partial<ScanConfig> = {}) {
  const sources: SourceFile[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  return scanner.scan(sources, { ...defaultScanConfig('2026-03-01'), ...config });
}

/** The rule ids found, sorted, for comparing with what a manifest should produce. */
export function ruleIds(files: Record<string, string>, config: Partial<ScanConfig> = {}): string[] {
  return [...new Set(scanTexts(files, config).findings.map((f) => f.ruleId))].sort();
}
