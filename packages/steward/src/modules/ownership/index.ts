// Ownership: who owns a path, a service or a thing, and why. Other modules import only from here.
// The CODEOWNERS engine (GitHub and GitLab flavours) is pure: text in, answers out.
export { compileCodeowners } from './codeowners/match.ts';
export type {
  CodeownersFlavor,
  CodeownersMatcher,
  CodeownersProblem,
  PathOwnership,
  SectionOwnership,
} from './codeowners/model.ts';
export type { OwnershipService } from './ownership-service.ts';
export type { Owner, Provenance, WhoOwnsAnswer, WhoOwnsCandidate } from './schemas.ts';
export type { AlertOwnership } from './who-owns/alert-owners.ts';
export { claimsOf, type KubernetesClaim } from './who-owns/claims.ts';
export type { LabelRequirement } from './who-owns/label-selector.ts';
export {
  buildOwnershipIndex,
  type CodeownersSource,
  type OwnershipIndex,
} from './who-owns/ownership-index.ts';
export { repositoryIdentity } from './who-owns/repository.ts';
export { parseThings, type ResolveContext, resolveOwnership } from './who-owns/resolve.ts';
export { parseThing, type Thing, thingSyntax } from './who-owns/thing.ts';
