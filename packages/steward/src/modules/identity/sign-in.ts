// How a person proves who they are before a portal session starts. Password is the one method
// today; an OIDC method would be another SignInMethod producing the same user for createSession.
import { unauthorised } from '../../platform/errors.ts';
import { verifyNothing, verifyPassword } from './passwords.ts';
import { type Db, findUserByHandle } from './store.ts';
import type { UserRow } from './tables.ts';

export interface SignInMethod<Credentials> {
  readonly name: string;
  /** The user the credentials prove, or an unauthorised error that does not say which part was wrong. */
  verifyCredentials(credentials: Credentials): Promise<UserRow>;
}

export interface PasswordCredentials {
  handle: string;
  password: string;
}

// One message for every failure, so a caller cannot learn which handles exist.
const failed = () => unauthorised('sign-in failed: the handle or the password is wrong');

export function passwordSignIn(db: Db): SignInMethod<PasswordCredentials> {
  return {
    name: 'password',
    async verifyCredentials({ handle, password }) {
      const user = await findUserByHandle(db, handle);
      if (!user?.password_hash) {
        await verifyNothing(password);
        throw failed();
      }
      const matches = await verifyPassword(password, user.password_hash);
      if (!matches || user.disabled_at) throw failed();
      return user;
    },
  };
}
