// A Prometheus-compatible HTTP query API (Prometheus, Thanos, Mimir, VictoriaMetrics): instant and
// range queries, nothing else. A failure says what was asked of whom and why, never the URL's
// credentials; it is the caller's to turn into an "unreachable" state rather than an error.
import { redactUrl } from '../../platform/config.ts';

export interface Sample {
  labels: Record<string, string>;
  /** null where Prometheus says NaN or ±Inf (no traffic: 0/0). */
  value: number | null;
}

export interface Series {
  labels: Record<string, string>;
  points: { at: Date; value: number | null }[];
}

export class PrometheusUnreachable extends Error {}

export interface PrometheusApi {
  query(expr: string, at?: Date): Promise<Sample[]>;
  queryRange(expr: string, from: Date, to: Date, stepSeconds: number): Promise<Series[]>;
}

export function prometheusApi(baseUrl: string, timeoutMs = 5000): PrometheusApi {
  const shown = redactUrl(baseUrl);
  // fetch refuses a URL with credentials: they go as Basic authentication, as Prometheus clients send them.
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (base.username || base.password) {
    const pair = `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    base.username = '';
    base.password = '';
  }
  const call = async (path: string, params: Record<string, string>) => {
    const url = new URL(path, base);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers,
        body: new URLSearchParams(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : causeOf(error);
      throw new PrometheusUnreachable(`Prometheus at ${shown} could not be reached: ${reason}`);
    }
    const body = (await response.json().catch(() => null)) as {
      status?: string;
      error?: string;
      data?: { resultType: string; result: unknown[] };
    } | null;
    if (!response.ok || body?.status !== 'success' || !body.data) {
      const why = body?.error ?? `HTTP ${response.status}`;
      throw new PrometheusUnreachable(`Prometheus at ${shown} refused the query ${params.query}: ${why}`);
    }
    return body.data.result;
  };
  return {
    async query(expr, at) {
      const params: Record<string, string> = { query: expr };
      if (at) params.time = String(at.getTime() / 1000);
      const result = (await call('api/v1/query', params)) as {
        metric: Record<string, string>;
        value: [number, string];
      }[];
      return result.map((r) => ({ labels: r.metric, value: number(r.value[1]) }));
    },
    async queryRange(expr, from, to, stepSeconds) {
      const params = {
        query: expr,
        start: String(from.getTime() / 1000),
        end: String(to.getTime() / 1000),
        step: String(stepSeconds),
      };
      const result = (await call('api/v1/query_range', params)) as {
        metric: Record<string, string>;
        values: [number, string][];
      }[];
      return result.map((r) => ({
        labels: r.metric,
        points: r.values.map(([at, value]) => ({ at: new Date(at * 1000), value: number(value) })),
      }));
    },
  };
}

function number(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
