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
