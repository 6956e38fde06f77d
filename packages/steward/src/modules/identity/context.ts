// What identity's services share besides the database: the password check, the sign-in throttle, the
// way to close live-channel streams whose credentials ended, and the catalog's Groups and Users.
import type { Logger } from '../../platform/logging.ts';
import type { PeopleEntities } from '../catalog/index.ts';
import type { EndStreams } from './end-streams.ts';
import type { Project } from './project-catalog.ts';
import type { PasswordCredentials, SignInMethod } from './sign-in.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';
import type { Db } from './store.ts';

export interface IdentityContext {
  db: Db;
  logger: Logger;
  passwordCheck: SignInMethod<PasswordCredentials>;
  throttle: SignInThrottle;
  /** Called after the change that ended the credentials committed; never throws. */
  endStreams: EndStreams;
  /** The catalog's Groups and Users: teams and people are written there. */
  people: PeopleEntities;
  /** Makes identity's teams, people and memberships match the catalog now (project-catalog.ts). */
  project: Project;
}
