// An admin resets someone's password: Steward makes up a new one, answers it once, and ends the
// person's sessions and tokens (as any admin-set password does), so whoever held them is out.
import type { Principal } from '../../platform/auth/principal.ts';
import { invalid } from '../../platform/errors.ts';
import type { IdentityContext } from './context.ts';
import { generatePassword } from './passwords.ts';
import type { User } from './schemas.ts';
import { updateUser } from './users-service.ts';

export async function resetPassword(
  ctx: IdentityContext,
  caller: Principal,
  handle: string,
  address: string,
): Promise<{ user: User; password: string }> {
  if (caller.handle === handle) {
    throw invalid(
      `you cannot reset your own password; change it with PATCH /api/v1/users/${handle} {"password", "currentPassword"} (in the portal: your own page)`,
    );
  }
  const password = generatePassword();
  const user = await updateUser(ctx, caller, handle, { password }, address);
  return { user, password };
}
