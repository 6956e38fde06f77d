// Alerts' manifest: ingestion from Alertmanager and PagerDuty clients, alerts routed to their owners and
// escalated through their policies, silences and maintenance windows.
import { defineModule } from '../../platform/module.ts';
import type { AlertsNeeds } from './alerts-module.ts';
import type { AlertsApi } from './index.ts';

export const alertsModule = defineModule<AlertsNeeds, AlertsApi>({
  name: 'alerts',
  migrations: new URL('./migrations/', import.meta.url),
  commands: [
    { names: ['alerts'], load: async () => (await import('./commands.ts')).registerAlertCommands },
    {
      names: ['silences', 'maintenance'],
      load: async () => (await import('./suppression/commands.ts')).registerSuppressionCommands,
    },
  ],
  create: async (platform, needs) => (await import('./alerts-module.ts')).alertsModuleOf(platform, needs),
});
