// The catalog: teams, people, services, systems, APIs and resources described as code (Backstage
// entities as-is, plus Steward's kinds), parsed and validated with exact file:line:col positions.

export { type AlertMatcher, type AlertMatcherResult, parseAlertMatcher } from './alert-matcher.ts';
export { parseCatalogConfig, readCatalogConfig } from './catalog-config.ts';
export { type CatalogDeps, type CatalogService, createCatalog } from './catalog-service.ts';
export { formats } from './formats.ts';
export type { ImportOrg } from './identity-sync.ts';
export type { IngestProgress, IngestSummary } from './ingest/ingest-source.ts';
export { backstageKinds } from './kinds/backstage.ts';
export { stewardKinds } from './kinds/steward.ts';
export { type LoadedCatalog, type LoadOptions, type LoadProgress, loadCatalog } from './load.ts';
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
} from './model.ts';
export { defaultNamespace, type EntityName, parseEntityRef, stringifyEntityRef } from './refs.ts';
export { validationJson, validationText } from './report.ts';
export { catalogRoutes } from './routes.ts';
export {
  type CatalogChecker,
  type CatalogSource,
  type CatalogValidation,
  createCatalogChecker,
  type FileCheck,
  validateCatalog,
} from './validate-catalog.ts';
