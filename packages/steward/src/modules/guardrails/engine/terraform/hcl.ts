// HCL through @cdktf/hcl2json (HashiCorp's own parser compiled to WebAssembly). Loading it is
// asynchronous, but once loaded its parse function answers synchronously through the callback it
// takes, so the scan stays one synchronous pass: `loadHcl()` before scanning .tf files.
import { parse as parseAsync } from '@cdktf/hcl2json';

type Callback = (error: string | null, result: string) => void;
type Bridge = { parse(name: string, text: string, done: Callback): void };

let bridge: Bridge | null = null;

export async function loadHcl(): Promise<void> {
  if (bridge) return;
  await parseAsync('warm-up.tf', '');
  // hcl2json 0.21 publishes its WebAssembly exports on this global once loaded.
  bridge =
    (globalThis as { __parse_terraform_config_wasm__?: Bridge }).__parse_terraform_config_wasm__ ?? null;
}

export type HclResult =
  | { ok: true; json: Record<string, unknown> }
  | { ok: false; line: number; column: number; message: string };

export function parseHcl(name: string, text: string): HclResult {
  if (!bridge)
    return { ok: false, line: 1, column: 1, message: 'the HCL parser is not loaded (call loadHcl first)' };
  let result: HclResult = { ok: false, line: 1, column: 1, message: 'the HCL parser gave no answer' };
  bridge.parse(name, text, (error, json) => {
    result = error ? positioned(error) : { ok: true, json: JSON.parse(json) as Record<string, unknown> };
  });
  return result;
}

/** `parse config: [main.tf:2,6-3,1: Invalid expression; Expected …]` → line 2, column 6, the message. */
function positioned(error: string): HclResult {
  const match = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]*)/.exec(error);
  if (!match) return { ok: false, line: 1, column: 1, message: error.replace(/^parse config: /, '') };
  return {
    ok: false,
    line: Number(match[1]),
    column: Number(match[2]),
    message: (match[3] as string).trim(),
  };
}
