// On-call's manifest: schedules and escalation policies read from the catalog, who is on call,
// overrides and swaps, calendar feeds and shift notices.
import { defineModule } from '../../platform/module.ts';
import type { OncallService } from './index.ts';
import type { OncallNeeds } from './oncall-module.ts';

export const oncallModule = defineModule<OncallNeeds, OncallService>({
  name: 'oncall',
  migrations: new URL('./migrations/', import.meta.url),
  commands: [{ names: ['oncall'], load: async () => (await import('./commands.ts')).registerOncallCommands }],
  create: async (platform, needs) => (await import('./oncall-module.ts')).oncallModuleOf(platform, needs),
});
