// The scorecards module's manifest: rules over catalog facts, on-call and scan results in ladders of
// levels, campaigns, roll-ups; `steward scorecards list|show` against a server.
import { defineModule } from '../../platform/module.ts';
import type { ScorecardsApi } from './index.ts';
import type { ScorecardsNeeds } from './scorecards-module.ts';

export const scorecardsModule = defineModule<ScorecardsNeeds, ScorecardsApi>({
  name: 'scorecards',
  migrations: new URL('./migrations/', import.meta.url),
  commands: [
    { names: ['scorecards'], load: async () => (await import('./commands.ts')).registerScorecardCommands },
  ],
  create: async (platform, needs) =>
    (await import('./scorecards-module.ts')).scorecardsModuleOf(platform, needs),
});
