// The SLO module's manifest: the offline compiler behind `steward slo generate`; in the server, SLO
// specs attached to catalog services, their status from Prometheus, `steward slo list|show`.
import { defineModule } from '../../platform/module.ts';
import type { SloService } from './index.ts';
import type { SloNeeds } from './slo-module.ts';

export const sloModule = defineModule<SloNeeds, SloService>({
  name: 'slo',
  migrations: new URL('./migrations/', import.meta.url),
  commands: [{ names: ['slo'], load: async () => (await import('./commands.ts')).registerSloCommands }],
  create: async (platform, needs) => (await import('./slo-module.ts')).sloModuleOf(platform, needs),
});
