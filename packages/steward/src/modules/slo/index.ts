// SLOs: Sloth prometheus/v1 and OpenSLO v1 specs compiled to Prometheus rules (Sloth's output, exactly),
// attached to catalog services, with their error budget and burn rates read from Prometheus.
export { attachSloSpecs, sloSpecAnnotation } from './attach-specs.ts';
export { type CompileOptions, type CompileResult, compileSpecs, type SpecFile } from './engine/compile.ts';
export type { Extras, Slo, SpecProblem } from './engine/model.ts';
export {
  type SloDetail,
  type SloStatus,
  type SloView,
  sloDetailSchema,
  sloListSchema,
} from './schemas.ts';
export type { SloService } from './slo-service.ts';
