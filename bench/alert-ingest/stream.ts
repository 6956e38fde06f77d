// The stream both receivers get: distinct alerts (no two share a label set, so none is merged into
// another), cut into batches and posted by one or more concurrent senders, each waiting for the
// answer to a batch before sending its next, as Prometheus's notifier does for each Alertmanager.

export interface IngestTarget {
  name: string;
  /** e.g. http://127.0.0.1:9093/api/v2/alerts */
  url: string;
  headers: Record<string, string>;
  /** How many alerts of this run the receiver holds now (Steward: in its database). */
  stored?(run: string): Promise<number>;
  stop(): Promise<void>;
}

export interface StreamShape {
  /** Tells this run's alerts apart from every other run's. */
  run: string;
  alerts: number;
  batch: number;
  senders: number;
  /** How many distinct `service` labels the alerts spread over (the catalog owns each). */
  services: number;
  /** Senders take no new batch after this long: a slow receiver is measured on part of the stream. */
  budgetMs?: number;
}

export interface Sent {
  /** Alerts in batches answered 2xx. */
  alerts: number;
  /** Of the stream's alerts, how many were sent before the budget ran out. */
  offered: number;
  seconds: number;
  perSecond: number;
  /** Batches answered with something else than 2xx, by status. */
  refused: Record<number, number>;
}

export function alertsOf(shape: StreamShape): object[] {
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  return Array.from({ length: shape.alerts }, (_, i) => ({
    labels: {
      alertname: 'BenchIngest',
      service: `svc-${i % shape.services}`,
      instance: `${shape.run}-${i}`,
      severity: i % 10 === 0 ? 'warning' : 'critical',
      job: 'bench',
    },
    annotations: {
      summary: `bench alert ${i} of run ${shape.run}`,
      description: 'posted by bench/alert-ingest',
    },
    startsAt,
    generatorURL: `http://prometheus.bench.example/graph?g0.expr=up&i=${i}`,
  }));
}

/** Posts the whole stream; alerts/s from the first request sent to the last answer received. */
export async function send(target: IngestTarget, shape: StreamShape): Promise<Sent> {
  const alerts = alertsOf(shape);
  const bodies: string[] = [];
  for (let i = 0; i < alerts.length; i += shape.batch) {
    bodies.push(JSON.stringify(alerts.slice(i, i + shape.batch)));
  }
  const refused: Record<number, number> = {};
  let next = 0;
  let accepted = 0;
  let offered = 0;
  const headers = { 'content-type': 'application/json', ...target.headers };
  const started = performance.now();
  const deadline = started + (shape.budgetMs ?? Number.POSITIVE_INFINITY);
  const sender = async () => {
    for (let i = next++; i < bodies.length && performance.now() < deadline; i = next++) {
      const size = Math.min(shape.batch, alerts.length - i * shape.batch);
      offered += size;
      const response = await fetch(target.url, { method: 'POST', headers, body: bodies[i] as string });
      await response.arrayBuffer();
      if (response.status >= 300) refused[response.status] = (refused[response.status] ?? 0) + 1;
      else accepted += size;
    }
  };
  await Promise.all(Array.from({ length: shape.senders }, sender));
  const seconds = (performance.now() - started) / 1000;
  return { alerts: accepted, offered, seconds, perSecond: accepted / seconds, refused };
}
