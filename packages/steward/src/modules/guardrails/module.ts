// Guardrails' manifest: the scanner for Kubernetes manifests (Dockerfiles and Terraform to come),
// offline through `steward scan`; the server side (admission webhook, scorecards) grows from here.
import { defineModule } from '../../platform/module.ts';
import type { GuardrailsService } from './index.ts';

export const guardrailsModule = defineModule<Record<string, never>, GuardrailsService>({
  name: 'guardrails',
  commands: [
    { names: ['scan'], load: async () => (await import('./scan-command.ts')).registerScanCommand },
    {
      names: ['guardrails'],
      load: async () => (await import('./export-vap-command.ts')).registerGuardrailsCommands,
    },
  ],
  create: async () => (await import('./guardrails-module.ts')).guardrailsModuleOf(),
});
