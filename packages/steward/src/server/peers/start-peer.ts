// Starting a peer from Debian's packages (Prometheus, Alertmanager) for tests and benchmarks: spawn it,
// keep its output for the error message, wait for `/-/ready`, and stop it (removing its directory).
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

export interface StartedPeer {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function startPeer(peer: {
  name: string;
  binary: string;
  args: string[];
  url: string;
  /** Removed when the peer stops. */
  dir: string;
  readyTimeoutMs?: number | undefined;
}): Promise<StartedPeer> {
  const child = spawn(peer.binary, peer.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(peer.dir, { recursive: true, force: true });
  };
  const timeoutMs = peer.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${peer.url}/-/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const why =
        child.exitCode !== null ? `exited (code ${child.exitCode})` : `was not ready within ${timeoutMs} ms`;
      await stop();
      throw new Error(`${peer.name} ${why}; its output:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output: () => output, stop };
}
