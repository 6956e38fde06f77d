// Incidents' manifest: incidents and their lifecycle, roles, status updates, timeline, postmortems,
// follow-ups and response metrics.
import { defineModule } from '../../platform/module.ts';
import type { IncidentsNeeds } from './incidents-module.ts';
import type { IncidentsApi } from './index.ts';

export const incidentsModule = defineModule<IncidentsNeeds, IncidentsApi>({
  name: 'incidents',
  migrations: new URL('./migrations/', import.meta.url),
  commands: [
    { names: ['incident'], load: async () => (await import('./commands.ts')).registerIncidentCommands },
  ],
  create: async (platform, needs) =>
    (await import('./incidents-module.ts')).incidentsModuleOf(platform, needs),
});
