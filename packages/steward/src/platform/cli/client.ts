// The CLI's client for Steward's HTTP API: one place that turns transport failures and
// problem+json answers into one-line reasons a tired engineer can act on.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import { type ClientConfig, loadClientConfig } from '../config.ts';
import { CliExit, exitCodes } from './program.ts';

/** The server answered with an error status: `status` lets a command add a hint (a 404's "how to list"). */
export class ApiFailure extends CliExit {
  readonly status: number;
  constructor(status: number, message: string) {
    super(exitCodes.usage, message);
    this.status = status;
  }
}

export interface ApiClient {
  readonly server: string;
  request<T extends z.ZodType>(method: string, path: string, schema: T, body?: unknown): Promise<z.infer<T>>;
  /** A GET answered in another format than JSON (the catalog's YAML export): the body as text. */
  text(path: string, accept: string): Promise<string>;
}

/** Adds --server to a client command; the token comes from STEWARD_TOKEN or the config file. */
export function withServerOption(command: Command): Command {
  return command.option(
    '--server <url>',
    'Steward server (default $STEWARD_SERVER, the config file, or http://127.0.0.1:7420)',
  );
}

export function clientFromFlags(flags: { server?: string; token?: string }): ApiClient {
  return createApiClient(loadClientConfig(flags, readIfPresent));
}

export function createApiClient(config: ClientConfig, fetchImpl: typeof fetch = fetch): ApiClient {
  async function send(method: string, path: string, accept: string, body?: unknown): Promise<string> {
    const url = `${config.server}${path}`;
    const headers: Record<string, string> = { accept };
    if (config.token) headers.authorization = `Bearer ${config.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliExit(
        exitCodes.usage,
        `cannot reach Steward at ${config.server} (${cause}); is \`steward serve\` running there? Set --server or STEWARD_SERVER.`,
      );
    }
    const text = await response.text();
    if (!response.ok) throw new ApiFailure(response.status, describeFailure(response.status, text, config));
    return text;
  }
  return {
    server: config.server,
    async request(method, path, schema, body) {
      const text = await send(method, path, 'application/json', body);
      const json = text ? JSON.parse(text) : undefined;
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new CliExit(
          exitCodes.usage,
          `unexpected answer from ${config.server}${path}: ${parsed.error.issues[0]?.message ?? 'bad shape'}; is the server the same version as this CLI?`,
        );
      }
      return parsed.data;
    },
    text: (path, accept) => send('GET', path, accept),
  };
}

function describeFailure(status: number, text: string, config: ClientConfig): string {
  let detail = text.slice(0, 300);
  try {
    const problem = JSON.parse(text) as { detail?: string; title?: string };
    detail = problem.detail ?? problem.title ?? detail;
  } catch {
    // not problem+json: keep the raw text
  }
  if (status === 401) {
    return config.token
      ? `the server rejected the token from ${config.tokenSource}: ${detail}`
      : `no API token: set STEWARD_TOKEN (the admin's is in <data-dir>/admin.token) or run \`steward login\``;
  }
  return `${status}: ${detail}`;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliExit(exitCodes.usage, `cannot read ${path}: ${(error as Error).message}`);
  }
}
