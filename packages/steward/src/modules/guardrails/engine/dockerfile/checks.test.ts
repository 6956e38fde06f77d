// Each Dockerfile check against a production-shaped multi-stage Node build: one change that must
// produce the finding (with the peers' ids for that case and the offending line), and the hardened
// file, which must not. Exemption comments in hadolint's, Trivy's and Checkov's syntax are honoured.
import { describe, expect, it } from 'vitest';
import { mutate, scanTexts } from '../kubernetes/manifests.test-support.ts';

const hardened = `# syntax=docker/dockerfile:1.7
ARG NODE_VERSION=22.11
FROM node:\${NODE_VERSION}-bookworm-slim AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /src
RUN apt-get update \\
 && apt-get install -y --no-install-recommends python3 make g++ \\
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build && npm prune --omit=dev
ADD vendor/geoip.tar.gz /opt/geoip/

FROM gcr.io/distroless/nodejs22-debian12@sha256:5d1bd1c6e4bd2e2b3e7e2c3f5c8d0b1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=8080
ENV DATABASE_PASSWORD_FILE=/run/secrets/db
COPY --from=build --chown=10001:10001 /src/dist ./dist
COPY --from=build /src/node_modules ./node_modules
USER 10001:10001
EXPOSE 8080
CMD ["dist/server.js"]
`;

function findings(text: string, name = 'Dockerfile') {
  return scanTexts({ [name]: text }).findings;
}

function only(text: string): string[] {
  return [...new Set(findings(text).map((f) => f.ruleId))].sort();
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('a hardened multi-stage Dockerfile', () => {
  it('produces no finding', () => {
    expect(findings(hardened)).toEqual([]);
  });

  it('is read under each name Docker users give it; other files are not', () => {
    for (const name of ['Dockerfile', 'build/Dockerfile.prod', 'api.dockerfile', 'ci/Web.Dockerfile']) {
      const [f] = findings(mutate(hardened, 'USER 10001:10001', 'USER root'), name);
      expect(f?.file, name).toBe(name);
    }
    for (const name of ['Dockerfile-notes.md', 'Dockerfile.dockerignore', 'docs/Dockerfile.md']) {
      expect(findings(mutate(hardened, 'USER 10001:10001', 'USER root'), name), name).toEqual([]);
    }
  });
});

describe('base images', () => {
  it('no tag: hadolint DL3006, on the FROM line, resource the stage', () => {
    const text = mutate(hardened, `node:\${NODE_VERSION}-bookworm-slim`, 'node');
    const [f] = findings(text);
    expect(f).toMatchObject({ ruleId: 'docker-image-tag', line: 3, resource: 'build', severity: 'medium' });
    expect(f?.aliases).toEqual(['hadolint:DL3006', 'checkov:CKV_DOCKER_7', 'trivy:DS001']);
  });

  it('latest, also through an ARG default: hadolint DL3007', () => {
    const text = mutate(hardened, 'ARG NODE_VERSION=22.11', 'ARG NODE_VERSION=latest');
    const byArg = findings(mutate(text, `node:\${NODE_VERSION}-bookworm-slim`, `node:\${NODE_VERSION}`));
    expect(byArg.map((f) => [f.ruleId, f.line])).toEqual([['docker-image-tag', 3]]);
    expect(byArg[0]?.aliases).toContain('hadolint:DL3007');
  });

  it('a digest pins whatever the tag; scratch and earlier stages are not images', () => {
    const digest = mutate(hardened, 'nodejs22-debian12@sha256', 'nodejs22-debian12:latest@sha256');
    expect(findings(digest)).toEqual([]);
    const stages = `FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM build AS test\nRUN go test ./...\nFROM scratch\nCOPY --from=build /app /app\nUSER 65532\n`;
    expect(findings(stages)).toEqual([]);
  });
});

describe('the user the image runs as', () => {
  it('last USER root: hadolint DL3002, Checkov CKV_DOCKER_8', () => {
    const text = mutate(hardened, 'USER 10001:10001', 'USER root');
    const [f] = findings(text);
    expect(f).toMatchObject({
      ruleId: 'docker-root-user',
      line: lineOf(text, 'USER root'),
      resource: 'runtime',
    });
    expect(f?.aliases).toEqual(['hadolint:DL3002', 'checkov:CKV_DOCKER_8', 'trivy:DS002']);
    expect(only(mutate(hardened, 'USER 10001:10001', 'USER 0:0'))).toEqual(['docker-root-user']);
  });

  it('no USER anywhere: Checkov CKV_DOCKER_3 and Trivy DS002, at the final FROM', () => {
    const text = mutate(hardened, 'USER 10001:10001\n', '');
    const [f] = findings(text);
    expect(f).toMatchObject({ ruleId: 'docker-root-user', line: lineOf(text, 'FROM gcr.io') });
    expect(f?.aliases).toEqual(['checkov:CKV_DOCKER_3', 'trivy:DS002']);
  });

  it('a USER in the stage the final one builds on counts; one only in a builder does not', () => {
    const inherited = 'FROM alpine:3.20 AS base\nUSER 10001\nFROM base\nCMD ["/app"]\n';
    expect(findings(inherited)).toEqual([]);
    const builderOnly = 'FROM alpine:3.20 AS build\nUSER 10001\nFROM alpine:3.20\nCMD ["/app"]\n';
    const [f] = findings(builderOnly);
    expect(f).toMatchObject({ ruleId: 'docker-root-user', line: 3, aliases: [] });
  });
});

describe('ADD', () => {
  it('of local files: hadolint DL3020; a local archive is what ADD is for', () => {
    const text = mutate(hardened, 'COPY . .', 'ADD . .');
    const [f] = findings(text);
    expect(f).toMatchObject({ ruleId: 'docker-add-instead-of-copy', line: lineOf(text, 'ADD . .') });
    expect(f?.aliases).toEqual(['hadolint:DL3020', 'checkov:CKV_DOCKER_4', 'trivy:DS005']);
  });

  it('of a URL is its own case (not hadolint DL3020), unless it carries a checksum', () => {
    const url = 'ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini';
    const [f] = findings(mutate(hardened, 'WORKDIR /app', `WORKDIR /app\n${url}`));
    expect(f).toMatchObject({ ruleId: 'docker-add-remote' });
    expect(f?.aliases).toEqual(['checkov:CKV_DOCKER_4']);
    const pinned =
      'ADD --checksum=sha256:12d20136605531b09a2c2dac02ccee85e1b874eb322ef6baf7561cd93f93c855 https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini';
    expect(findings(mutate(hardened, 'WORKDIR /app', `WORKDIR /app\n${pinned}`))).toEqual([]);
  });
});

describe('RUN', () => {
  const plain = (run: string) => `FROM debian:12.8\n${run}\nUSER 10001\n`;

  it('a pipe without pipefail: hadolint DL4006; SHELL or set -o pipefail satisfies it', () => {
    const text = plain('RUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -');
    expect(findings(text).map((f) => [f.ruleId, f.line, f.aliases])).toEqual([
      ['docker-pipefail', 2, ['hadolint:DL4006']],
    ]);
    expect(only(plain('RUN set -o pipefail && curl -fsSL https://x.example/s | bash -'))).toEqual([]);
    expect(only(plain('RUN set -euxo pipefail; curl -fsSL https://x.example/s | bash -'))).toEqual([]);
    expect(only(plain('RUN test -f /a || echo "a | b"'))).toEqual([]);
  });

  it('sudo and cd: hadolint DL3004 and DL3003, not apt-get install sudo', () => {
    expect(only(plain('RUN sudo make install'))).toEqual(['docker-sudo']);
    expect(findings(plain('RUN cd /src && make'))[0]?.aliases).toEqual(['hadolint:DL3003', 'trivy:DS013']);
    const sudoPackage =
      'RUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*';
    expect(only(plain(sudoPackage))).toEqual([]);
  });

  it('apt-get install without --no-install-recommends, and without cleaning the lists', () => {
    expect(
      only(plain('RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*')),
    ).toEqual(['docker-apt-no-install-recommends']);
    expect(only(plain('RUN apt-get update && apt-get install -y --no-install-recommends curl'))).toEqual([
      'docker-apt-lists',
    ]);
    const cached =
      // A cache mount keeps the lists out of the layer: only the missing flag is left to report.
      'RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl';
    expect(only(plain(cached))).toEqual(['docker-apt-no-install-recommends']);
  });

  it('package pinning is off by default (disputed) and on when asked', () => {
    const text = plain(
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    );
    expect(only(text)).toEqual([]);
    const on = scanTexts({ Dockerfile: text }, { ruleToggles: { 'docker-apt-pin': true } });
    expect(on.findings.map((f) => [f.ruleId, f.aliases])).toEqual([['docker-apt-pin', ['hadolint:DL3008']]]);
  });
});

describe('secrets in ARG and ENV', () => {
  it('a literal secret is found at its name, never quoted; a _FILE pointer and a bare ARG are not', () => {
    const text = mutate(
      hardened,
      'ENV NODE_ENV=production',
      'ARG NPM_TOKEN=npm_Zq81c0ffee\nENV STRIPE_API_KEY="sk_live_51Hx" NODE_ENV=production',
    );
    const found = findings(text);
    expect(found.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['docker-secret-in-build', lineOf(text, 'NPM_TOKEN'), 5],
      ['docker-secret-in-build', lineOf(text, 'STRIPE_API_KEY'), 5],
    ]);
    expect(found[0]).toMatchObject({ severity: 'critical', aliases: ['trivy:DS031'] });
    expect(JSON.stringify(found)).not.toContain('npm_Zq81c0ffee');
    expect(JSON.stringify(found)).not.toContain('sk_live_51Hx');
    expect(findings(mutate(hardened, 'WORKDIR /app', 'WORKDIR /app\nARG GITHUB_TOKEN'))).toEqual([]);
  });
});

describe('exemption comments', () => {
  const root = mutate(hardened, 'USER 10001:10001', 'USER root');

  it("hadolint's ignore comment above the instruction", () => {
    const text = mutate(root, 'USER root', '# hadolint ignore=DL3002,DL3008\nUSER root');
    const result = scanTexts({ Dockerfile: text });
    expect(result.findings).toEqual([]);
    expect(result.exemptions.map((u) => [u.exemption.syntax, u.exemption.written, u.exemption.line])).toEqual(
      [['hadolint', 'DL3002', lineOf(text, 'hadolint ignore')]],
    );
  });

  it("Trivy's and Checkov's comments; an exemption for another stage does not reach this one", () => {
    expect(findings(mutate(root, 'USER root', '#trivy:ignore:AVD-DS-0002\nUSER root'))).toEqual([]);
    expect(
      findings(mutate(root, 'USER root', '# checkov:skip=CKV_DOCKER_8: runs a root-only agent\nUSER root')),
    ).toEqual([]);
    const elsewhere = mutate(root, 'WORKDIR /src', '# hadolint ignore=DL3002\nWORKDIR /src');
    expect(only(elsewhere)).toEqual(['docker-root-user']);
    const global = mutate(
      root,
      '# syntax=docker/dockerfile:1.7\n',
      '# syntax=docker/dockerfile:1.7\n# hadolint global ignore=DL3002\n',
    );
    expect(findings(global)).toEqual([]);
  });
});

describe('a malformed Dockerfile', () => {
  it('gets a positioned problem and the other files are still scanned', () => {
    const broken = 'FROM alpine:3.20\nRUN apk add --no-cache curl\n  && rm -rf /tmp/*\nUSER 10001\n';
    const result = scanTexts({ Dockerfile: broken, 'api.dockerfile': 'FROM node\nUSER 10001\n' });
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: 'Dockerfile',
        line: 3,
        message: expect.stringContaining('not a Dockerfile instruction'),
      }),
    ]);
    expect(result.findings.map((f) => [f.file, f.ruleId])).toEqual([['api.dockerfile', 'docker-image-tag']]);
    expect(scanTexts({ Dockerfile: '# just a comment\n' }).problems[0]?.message).toContain('no FROM');
  });
});
