// For tests that check Steward against the real thing: a Prometheus server (Debian's `prometheus`
// package) on a loopback port, with its config, rule files and storage in a temporary directory,
// ready once `/-/ready` says so. Scrapes and rule evaluations can be made as frequent as a test needs.
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPeer } from '../peers/start-peer.ts';
import { freePort } from '../test-serve.ts';

/** Where Debian's `prometheus` package puts the binary. */
export const prometheusBinary = '/usr/bin/prometheus';

export interface PrometheusOptions {
  /** Targets scraped as one job each: `{ job: 'checkout', target: '127.0.0.1:9100' }`. */
  scrape: { job: string; target: string }[];
  /** Rule files' contents (Prometheus rules YAML). */
  rules: string[];
  /** Scrape and rule evaluation interval (default 1s). */
  interval?: string;
  /** The port to listen on (default: a free one). */
  port?: number;
  readyTimeoutMs?: number;
}

export interface RunningPrometheus {
  /** `http://127.0.0.1:<port>` */
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, waits for the exit, removes the temporary directory. */
  stop(): Promise<void>;
}

export function prometheusInstalled(): boolean {
  try {
    accessSync(prometheusBinary, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  if (!prometheusInstalled()) {
    throw new Error(`Prometheus is not at ${prometheusBinary}: install it (apt-get install prometheus)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'steward-prometheus-'));
  const interval = options.interval ?? '1s';
  const ruleFiles = options.rules.map((text, i) => {
    const file = join(dir, `rules-${i}.yaml`);
    writeFileSync(file, text);
    return file;
  });
  // JSON is YAML too.
  const config = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: ruleFiles,
    scrape_configs: options.scrape.map((s) => ({
      job_name: s.job,
      static_configs: [{ targets: [s.target] }],
    })),
  };
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const { child, output, stop } = await startPeer({
    name: 'Prometheus',
    binary: prometheusBinary,
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    url,
    dir,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return { url, child, output, stop };
}
