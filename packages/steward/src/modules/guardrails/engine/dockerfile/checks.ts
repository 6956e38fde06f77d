// The Dockerfile checks, one pure pass over a parsed file: base images, the final stage's user,
// ADD, the shell in each RUN, and secrets in ARG and ENV.
import { parseImage } from '../kubernetes/image.ts';
import type { RawFinding, Rule } from '../model.ts';
import { secretReason } from '../secret-values.ts';
import type { DockerFile, Stage, Step } from './parse-file.ts';
import { docker } from './rules.ts';
import { programOf, readShell } from './shell.ts';

type Emit = (finding: RawFinding) => void;

function report(
  file: DockerFile,
  stage: Stage,
  rule: Rule,
  at: { line: number; column: number },
  message: string,
  anchor: string,
  aliases?: string[],
): RawFinding {
  return {
    ruleId: rule.id,
    message: `${message}; ${rule.fix}`,
    file: file.path,
    line: at.line,
    column: at.column,
    resource: stage.name,
    anchor: `stage ${stage.name ?? stage.index}: ${anchor}`,
    ...(aliases ? { aliases } : {}),
  };
}

export function checkDockerfile(file: DockerFile, emit: Emit): void {
  const stageNames = new Set<string>();
  for (const stage of file.stages) {
    checkBaseImage(file, stage, stageNames, emit);
    if (stage.name) stageNames.add(stage.name.toLowerCase());
    let shell: Step | null = null;
    for (const step of stage.steps) {
      if (step.keyword === 'SHELL') shell = step;
      else if (step.keyword === 'ADD') checkAdd(file, stage, step, emit);
      else if (step.keyword === 'RUN') checkRun(file, stage, step, shell, emit);
      else if (step.keyword === 'ENV' || step.keyword === 'ARG') checkSecrets(file, stage, step, emit);
    }
  }
  checkFinalUser(file, emit);
}

function checkBaseImage(file: DockerFile, stage: Stage, earlier: Set<string>, emit: Emit): void {
  const image = stage.image;
  if (
    image === '' ||
    image.toLowerCase() === 'scratch' ||
    earlier.has(image.toLowerCase()) ||
    image.includes('$')
  )
    return;
  const ref = parseImage(image);
  if (ref.digest) return;
  if (ref.tag === null) {
    const aliases = ['hadolint:DL3006', 'checkov:CKV_DOCKER_7', 'trivy:DS001'];
    emit(
      report(
        file,
        stage,
        docker.imageTag,
        stage.from,
        `FROM ${image} has no tag, so every build may get a different image`,
        'FROM',
        aliases,
      ),
    );
  } else if (ref.tag === 'latest') {
    const aliases = ['hadolint:DL3007', 'checkov:CKV_DOCKER_7', 'trivy:DS001'];
    emit(
      report(
        file,
        stage,
        docker.imageTag,
        stage.from,
        `FROM ${image} uses the tag latest, which moves under you`,
        'FROM',
        aliases,
      ),
    );
  }
}

/** The user the final stage runs as: its last USER, else the stage it builds on, else none written. */
function checkFinalUser(file: DockerFile, emit: Emit): void {
  const final = file.stages[file.stages.length - 1];
  if (!final) return;
  const byName = new Map(file.stages.filter((s) => s.name).map((s) => [(s.name as string).toLowerCase(), s]));
  let stage: Stage | undefined = final;
  const seen = new Set<Stage>();
  while (stage && !seen.has(stage)) {
    seen.add(stage);
    const user = stage.steps.filter((s) => s.keyword === 'USER').pop();
    if (user) {
      const name = (user.words[0] ?? '').split(':')[0];
      if (name === 'root' || name === '0') {
        const aliases = ['hadolint:DL3002', 'checkov:CKV_DOCKER_8', 'trivy:DS002'];
        const message = `the image runs as root: the last USER is ${user.words[0]}`;
        emit(report(file, stage, docker.rootUser, user, message, 'USER', aliases));
      }
      return;
    }
    stage = byName.get(stage.image.toLowerCase());
  }
  const anyUser = file.stages.some((s) => s.steps.some((step) => step.keyword === 'USER'));
  // Checkov and Trivy only flag a file with no USER anywhere; Steward follows the final stage.
  const aliases = anyUser ? [] : ['checkov:CKV_DOCKER_3', 'trivy:DS002'];
  const message = `the final stage sets no USER, so the image runs as root unless ${final.image} sets one`;
  emit(report(file, final, docker.rootUser, final.from, message, 'USER', aliases));
}

const archive = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tb2|tar\.xz|txz|tar\.zst|gz|bz2|xz|zst|lz|lzma|tlz|z)$/i;
const remote = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;

function checkAdd(file: DockerFile, stage: Stage, step: Step, emit: Emit): void {
  const words = step.execForm ? jsonWords(step.text) : step.words;
  const sources = words.slice(0, -1);
  if (sources.length === 0) return;
  const anchor = `ADD ${sources.join(' ')}`;
  if (sources.some((s) => remote.test(s))) {
    if (step.flags.some((f) => f.startsWith('--checksum='))) return;
    emit(
      report(
        file,
        stage,
        docker.addRemote,
        step,
        `ADD ${sources.join(' ')} fetches from the network without a checksum`,
        anchor,
      ),
    );
  } else if (!sources.every((s) => archive.test(s))) {
    emit(
      report(
        file,
        stage,
        docker.addInsteadOfCopy,
        step,
        `ADD ${sources.join(' ')} copies local files`,
        anchor,
      ),
    );
  }
}

function jsonWords(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

const pipefailSet = /\bset\s+(-[a-z]*o\s+pipefail|-o\s+pipefail)|\bset\s+-[a-z]*\s+-o\s+pipefail/;
const nonPosixShells = /(pwsh|powershell|cmd(\.exe)?)["\s,\]]/i;

function checkRun(file: DockerFile, stage: Stage, step: Step, shell: Step | null, emit: Emit): void {
  if (step.execForm) return;
  const command = step.text;
  const line = readShell(command);
  const anchor = `RUN ${command.slice(0, 200)}`;
  const shellOk =
    shell !== null && (shell.text.includes('pipefail') || nonPosixShells.test(`${shell.text} `));
  if (line.hasPipe && !shellOk && !pipefailSet.test(command)) {
    emit(
      report(
        file,
        stage,
        docker.pipefail,
        step,
        'this RUN pipes one command into another; without pipefail only the last one failing fails the build',
        anchor,
      ),
    );
  }
  let aptInstall = false;
  for (const simple of line.commands) {
    const first = simple.words[0];
    if (first === 'sudo') emit(report(file, stage, docker.sudo, step, 'this RUN uses sudo', anchor));
    if (first === 'cd')
      emit(
        report(
          file,
          stage,
          docker.cdInRun,
          step,
          `this RUN changes directory (cd ${simple.words[1] ?? ''})`,
          anchor,
        ),
      );
    const { program, args } = programOf(simple);
    if ((program === 'apt-get' || program === 'apt') && args.includes('install')) {
      aptInstall = true;
      const noRecommends =
        args.includes('--no-install-recommends') ||
        args.some((a) => /APT::Install-Recommends=(false|0)/i.test(a));
      if (!noRecommends)
        emit(
          report(
            file,
            stage,
            docker.aptNoRecommends,
            step,
            `${program} install pulls in recommended packages too`,
            anchor,
          ),
        );
      const packages = args.filter((a) => !a.startsWith('-') && a !== 'install' && !a.includes('::'));
      const loose = packages.filter((p) => !p.includes('=') && !p.endsWith('.deb'));
      if (loose.length > 0)
        emit(
          report(
            file,
            stage,
            docker.aptPin,
            step,
            `${program} install ${loose.join(' ')} without versions`,
            anchor,
          ),
        );
    }
  }
  const cachedLists = step.flags.some((f) => /^--mount=.*target=\/var\/lib\/apt/.test(f));
  if (aptInstall && !cachedLists && !/rm\s+-[a-z]*\s+\/var\/lib\/apt\/lists/.test(command)) {
    emit(
      report(
        file,
        stage,
        docker.aptLists,
        step,
        'apt-get lists stay in this layer after the install',
        anchor,
      ),
    );
  }
}

function checkSecrets(file: DockerFile, stage: Stage, step: Step, emit: Emit): void {
  for (const pair of step.pairs) {
    if (pair.value === null) continue;
    const reason = secretReason(pair.name, pair.value);
    if (!reason) continue;
    const message = `${step.keyword} ${pair.name} looks like a secret (${reason}; value not shown) and stays readable in the image history`;
    emit(report(file, stage, docker.secretInBuild, pair, message, `${step.keyword} ${pair.name}`));
  }
}
