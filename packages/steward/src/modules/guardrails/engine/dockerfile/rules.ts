// The Dockerfile rules. Aliases are the peers' own ids (hadolint's DLxxxx, Checkov's CKV_DOCKER_*,
// Trivy's DS*), taken from their documentation and check sources; a peer with no such check gets none.
// Where a peer flags only some cases (no USER vs USER root, untagged vs latest), findings narrow them.
import type { Rule, Severity } from '../model.ts';

function rule(
  id: string,
  severity: Severity,
  title: string,
  fix: string,
  aliases: string[],
  enabledByDefault = true,
): Rule {
  return { id, severity, title, fix, aliases, enabledByDefault };
}

export const docker = {
  imageTag: rule(
    'docker-image-tag',
    'medium',
    'Base image has no tag, or the tag latest',
    'Pin the base image: FROM node:22.11-slim, or better by digest (node:22.11-slim@sha256:…).',
    ['hadolint:DL3006', 'hadolint:DL3007', 'checkov:CKV_DOCKER_7', 'trivy:DS001'],
  ),
  rootUser: rule(
    'docker-root-user',
    'high',
    'Image runs as root (last USER is root, or no USER at all)',
    'Create an unprivileged user (RUN useradd -r -u 10001 app) and end the final stage with USER 10001.',
    ['hadolint:DL3002', 'checkov:CKV_DOCKER_3', 'checkov:CKV_DOCKER_8', 'trivy:DS002'],
  ),
  addInsteadOfCopy: rule(
    'docker-add-instead-of-copy',
    'low',
    'ADD used for local files',
    'Use COPY for local files and directories; ADD is only for extracting a local archive.',
    ['hadolint:DL3020', 'checkov:CKV_DOCKER_4', 'trivy:DS005'],
  ),
  addRemote: rule(
    'docker-add-remote',
    'medium',
    'ADD fetches a URL or Git repository into the image',
    'Download in a RUN step (curl -fsSL URL -o file && echo "SHA256  file" | sha256sum -c) or use ADD --checksum=sha256:….',
    ['checkov:CKV_DOCKER_4'],
  ),
  pipefail: rule(
    'docker-pipefail',
    'low',
    'RUN pipes into another command without pipefail',
    'Put SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN (or start it with set -o pipefail &&), so a failing left side fails the build.',
    ['hadolint:DL4006'],
  ),
  secretInBuild: rule(
    'docker-secret-in-build',
    'critical',
    'Secret written into ARG or ENV (it stays in the image history)',
    'Pass it at build time with RUN --mount=type=secret,id=NAME, or at run time from the orchestrator; never bake it into ARG or ENV.',
    ['trivy:DS031'],
  ),
  aptNoRecommends: rule(
    'docker-apt-no-install-recommends',
    'low',
    'apt-get install without --no-install-recommends',
    'Add --no-install-recommends to apt-get install to keep unneeded packages (and their CVEs) out.',
    ['hadolint:DL3015', 'trivy:DS029'],
  ),
  aptLists: rule(
    'docker-apt-lists',
    'low',
    'apt-get lists left in the image',
    'End the same RUN with && rm -rf /var/lib/apt/lists/* after apt-get install.',
    ['hadolint:DL3009'],
  ),
  cdInRun: rule(
    'docker-cd-in-run',
    'low',
    'RUN changes directory with cd',
    'Use WORKDIR /path instead of RUN cd /path && …; it is clearer and applies to the following steps.',
    ['hadolint:DL3003', 'trivy:DS013'],
  ),
  sudo: rule(
    'docker-sudo',
    'medium',
    'RUN uses sudo',
    'Drop sudo: build steps run as the current USER; switch with USER root for the step, then back.',
    ['hadolint:DL3004', 'checkov:CKV2_DOCKER_1', 'trivy:DS010'],
  ),
  aptPin: rule(
    'docker-apt-pin',
    'info',
    'apt-get install without pinned versions',
    'Pin packages (apt-get install curl=8.5.0-2) if reproducible builds matter more than getting security fixes.',
    ['hadolint:DL3008'],
    false,
  ),
};

export const dockerRules: Rule[] = Object.values(docker);
