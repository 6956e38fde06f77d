// Guardrails' manifest: the scanner for Kubernetes manifests, Dockerfiles and Terraform, offline
// through `steward scan`; in the server, the admission webhook and the reports of what it saw, and the
// scans uploaded (`steward scan --upload`, `steward guardrails upload`).
import { defineModule } from '../../platform/module.ts';
import type { GuardrailsNeeds } from './guardrails-module.ts';
import type { GuardrailsService } from './index.ts';

export const guardrailsModule = defineModule<GuardrailsNeeds, GuardrailsService>({
  name: 'guardrails',
  migrations: new URL('./migrations/', import.meta.url),
  commands: [
    { names: ['scan'], load: async () => (await import('./scan-command.ts')).registerScanCommand },
    {
      names: ['guardrails'],
      load: async () => (await import('./export-vap-command.ts')).registerGuardrailsCommands,
    },
  ],
  create: async (platform, needs) =>
    (await import('./guardrails-module.ts')).guardrailsModuleOf(platform, needs),
});
