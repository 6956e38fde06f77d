// The catalog: teams, people, services, systems, APIs and resources described as code (Backstage
// entities as-is, plus Steward's kinds), parsed and validated with exact file:line:col positions.

export type { AttachedFile, AttachmentHandler } from './attachments.ts';
export { parseCatalogConfig, readCatalogConfig } from './catalog-config.ts';
export type { Catalog } from './catalog-module.ts';
export { type CatalogDeps, type CatalogService, createCatalog } from './catalog-service.ts';
export type { PeopleEntities, PeopleOrigin } from './edits/people-entities.ts';
export { type AlertMatcher, type AlertMatcherResult, parseAlertMatcher } from './engine/alert-matcher.ts';
export { formats } from './engine/formats.ts';
export { backstageKinds } from './engine/kinds/backstage.ts';
export { oncallKinds } from './engine/kinds/oncall.ts';
export {
  defaultEscalateAfter,
  type EscalationPolicySpec,
  type EscalationStep,
  type Restriction as ScheduleRestriction,
  readEscalationPolicySpec,
  readScheduleSpec,
  type ScheduleLayer,
  type ScheduleSpec,
  type Weekday,
  type WorkingHours,
} from './engine/kinds/oncall-spec.ts';
export {
  defaultLevels as defaultScorecardLevels,
  findingSeverities,
  type ScorecardCheckName,
  scorecardCheckNames,
  scorecardChecks,
  scorecardKinds,
} from './engine/kinds/scorecard.ts';
export { stewardKinds } from './engine/kinds/steward.ts';
export type {
  CatalogEntity,
  CatalogOptions,
  CatalogProblem,
  CatalogRules,
  EntityOwner,
  EntityRelation,
  JsonSchema,
  KindDefinition,
  ProblemCode,
  RelationField,
  Severity,
  SourcePosition,
} from './engine/model.ts';
export {
  defaultNamespace,
  type EntityName,
  parseEntityRef,
  refPartProblems,
  stringifyEntityRef,
} from './engine/refs.ts';
export { validationJson, validationText } from './engine/report.ts';
export {
  type CatalogChecker,
  type CatalogSource,
  type CatalogValidation,
  createCatalogChecker,
  type FileCheck,
  validateCatalog,
} from './engine/validate-catalog.ts';
export * as catalogEvents from './events.ts';
export type { IngestProgress, IngestSummary } from './ingest/ingest-source.ts';
export type { IngestSummaryView } from './schemas.ts';
export { type LoadedCatalog, type LoadOptions, type LoadProgress, loadCatalog } from './sources/load.ts';
export type { EntityView } from './store/entity-export.ts';
