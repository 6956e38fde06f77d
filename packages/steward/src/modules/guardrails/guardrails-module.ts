// The running guardrails module: for now its face is the scanner itself, the same engine the CLI uses.
import type { RunningModule } from '../../platform/module.ts';
import { scanner } from './engine/scanners.ts';
import type { GuardrailsService } from './index.ts';

export async function guardrailsModuleOf(): Promise<RunningModule<GuardrailsService>> {
  return { api: { scanner } };
}
