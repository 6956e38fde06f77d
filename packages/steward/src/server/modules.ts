// Every module Steward runs, in the order they are created: a module may need the faces of those
// before it. The CLI takes its commands from here, the migrator its folders, compose.ts the rest.
import { fileURLToPath } from 'node:url';
import { alertsModule } from '../modules/alerts/module.ts';
import { catalogModuleWith } from '../modules/catalog/module.ts';
import { guardrailsModule } from '../modules/guardrails/module.ts';
import { identityModule } from '../modules/identity/module.ts';
import { incidentsModule } from '../modules/incidents/module.ts';
import { notificationsModule } from '../modules/notifications/module.ts';
import { oncallModule } from '../modules/oncall/module.ts';
import { ownershipModule } from '../modules/ownership/module.ts';
import { scorecardsModule } from '../modules/scorecards/module.ts';
import { sloModule } from '../modules/slo/module.ts';

// The SLO specs a catalog holds are checked with it offline too (`steward catalog validate`); the
// server hands the same handler to the catalog in compose.ts.
const catalogModule = catalogModuleWith(async () => [
  (await import('../modules/slo/index.ts')).attachSloSpecs,
]);

export {
  alertsModule,
  catalogModule,
  guardrailsModule,
  identityModule,
  incidentsModule,
  notificationsModule,
  oncallModule,
  ownershipModule,
  scorecardsModule,
  sloModule,
};

export const modules = [
  catalogModule,
  identityModule,
  ownershipModule,
  notificationsModule,
  oncallModule,
  alertsModule,
  incidentsModule,
  sloModule,
  guardrailsModule,
  scorecardsModule,
] as const;

/** The migration folders of every module (the platform's own are always applied). */
export const moduleMigrationFolders: string[] = modules.flatMap((m) =>
  m.migrations ? [fileURLToPath(m.migrations)] : [],
);
