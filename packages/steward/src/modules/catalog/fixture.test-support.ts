// A small catalog written to a temp directory for the catalog store tests, and the callers they act
// as. Tests count lines in these texts by hand: edit them only by appending.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Principal } from '../../platform/auth/principal.ts';

export const orgYaml = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: mia
spec:
  memberOf: [payments]
`;

export const paymentsApiYaml = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  tags: [go, tier-1]
spec:
  type: service
  lifecycle: production
  owner: group:payments
  dependsOn: [component:ledger]
  providesApis: [payments-http]
`;

export const ledgerYaml = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  description: Double-entry bookkeeping.
spec:
  type: service
  lifecycle: production
  owner: group:payments
`;

export const apisYaml = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-http
spec:
  type: openapi
  lifecycle: production
  owner: group:payments
  definition: "openapi: 3.1.0"
`;

export const paymentsFiles: Record<string, string> = {
  'org/catalog-info.yaml': orgYaml,
  'payments-api/catalog-info.yaml': paymentsApiYaml,
  'ledger/catalog-info.yaml': ledgerYaml,
  'apis/catalog-info.yaml': apisYaml,
};

export interface TempTree {
  dir: string;
  write(path: string, content: string): void;
  remove(path: string): void;
  cleanup(): void;
}

export function tempTree(files: Record<string, string> = {}, prefix = 'steward-catalog-'): TempTree {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const tree: TempTree = {
    dir,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    remove: (path) => rmSync(join(dir, path), { force: true }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [path, content] of Object.entries(files)) tree.write(path, content);
  return tree;
}

export const adminCaller: Principal = {
  userId: 'test-admin',
  handle: 'root',
  name: 'Root',
  role: 'admin',
  scopes: ['read', 'write', 'admin'],
  teamIds: [],
  teams: [],
  via: 'token',
};

/** Runs git in `dir` as a test identity that signs nothing, answering its output. */
export function git(dir: string, ...args: string[]): string {
  const identity = [
    '-c',
    'user.name=Test',
    '-c',
    'user.email=test@example.com',
    '-c',
    'commit.gpgsign=false',
  ];
  return execFileSync('git', [...identity, ...args], { cwd: dir, encoding: 'utf8' }).trim();
}
