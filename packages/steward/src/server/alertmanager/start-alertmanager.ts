// For tests and benchmarks that check Steward against the real thing: a Prometheus Alertmanager
// process (Debian's `prometheus-alertmanager`, 0.25 in CI) on a free loopback port, with its own
// config file and storage in a temporary directory, clustering off, ready once `/-/ready` says so.
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPeer } from '../peers/start-peer.ts';
import { freePort } from '../test-serve.ts';

/** Where Debian's `prometheus-alertmanager` package puts the binary. */
export const alertmanagerBinary = '/usr/bin/prometheus-alertmanager';

export interface AlertmanagerOptions {
  /** alertmanager.yml: a YAML string, or an object (written as JSON, which is YAML too). */
  config: string | object;
  /** How long to wait for `/-/ready` (default 30 s). */
  readyTimeoutMs?: number;
  /** More command-line flags, e.g. `['--log.level=debug']`. */
  args?: string[];
}

export interface RunningAlertmanager {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The temporary directory holding its config file and storage. */
  dir: string;
  child: ChildProcess;
  /** What the process wrote so far (its log goes to stderr). */
  output(): string;
  /** POST /api/v2/alerts with these alerts; throws unless Alertmanager answers 200. */
  postAlerts(alerts: PostableAlert[]): Promise<void>;
  /** GET /api/v2/alerts: what Alertmanager holds now. */
  alerts(): Promise<GettableAlert[]>;
  /** SIGTERM, waits for the exit, removes the temporary directory. */
  stop(): Promise<void>;
}

/** Alertmanager API v2's postableAlert. */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

/** The part of API v2's gettableAlert the tests read. */
export interface GettableAlert extends PostableAlert {
  fingerprint: string;
  status: { state: 'unprocessed' | 'active' | 'suppressed'; silencedBy: string[]; inhibitedBy: string[] };
  receivers: { name: string }[];
}

export function alertmanagerInstalled(): boolean {
  try {
    accessSync(alertmanagerBinary, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function startAlertmanager(options: AlertmanagerOptions): Promise<RunningAlertmanager> {
  if (!alertmanagerInstalled()) {
    throw new Error(
      `Prometheus Alertmanager is not at ${alertmanagerBinary}: install it (apt-get install prometheus-alertmanager; .ci/run does)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'steward-alertmanager-'));
  const configFile = join(dir, 'alertmanager.yml');
  const text = typeof options.config === 'string' ? options.config : JSON.stringify(options.config, null, 2);
  writeFileSync(configFile, text);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, output, stop } = await startPeer({
    name: 'Alertmanager',
    binary: alertmanagerBinary,
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // An empty address turns clustering off: no gossip port, and no wait for peers to settle
      // before the first notification.
      '--cluster.listen-address=',
      ...(options.args ?? []),
    ],
    url,
    dir,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return {
    url,
    dir,
    child,
    output,
    async postAlerts(alerts) {
      const response = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (response.status !== 200) {
        throw new Error(
          `Alertmanager answered ${response.status} to POST /api/v2/alerts: ${await response.text()}`,
        );
      }
    },
    async alerts() {
      const response = await fetch(`${url}/api/v2/alerts`);
      if (response.status !== 200) throw new Error(`GET /api/v2/alerts: ${response.status}`);
      return (await response.json()) as GettableAlert[];
    },
    stop,
  };
}
