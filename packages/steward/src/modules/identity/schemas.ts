// The identity API's shapes, declared once: the server validates and serialises with them,
// the OpenAPI document is generated from them, and the CLI and portal import their types.
import { z } from 'zod';

export const roleSchema = z
  .enum(['admin', 'member', 'viewer'])
  .describe('admin: everything; member: may change what their teams own; viewer: read only');
export const scopeSchema = z.enum(['read', 'write', 'admin']);

/** Lower-case handle: letters, digits and dashes, as in a Backstage entity name. */
export const handleSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(
    /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/,
    'must be lower-case letters, digits and single - _ . between them',
  );

export const catalogEntitySchema = z
  .object({
    ref: z.string().describe('the Group or User, e.g. group:default/payments'),
    source: z
      .enum(['api', 'file'])
      .describe(
        "api: made through Steward's API, changed there; file: read from a catalog source, changed in the file",
      ),
    file: z.string().nullable(),
    line: z.number().int().nullable(),
  })
  .nullable()
  .describe(
    'what the catalog holds for this team or person; null: Steward alone knows them (the first admin)',
  );

export const userSchema = z.object({
  id: z.string(),
  handle: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  teams: z.array(z.string()).describe('names of the teams the user belongs to'),
  createdAt: z.iso.datetime(),
  disabledAt: z.iso.datetime().nullable().optional().describe('set when the user may no longer sign in'),
  entity: catalogEntitySchema.optional(),
});

export const teamMemberSchema = z.object({
  handle: z.string(),
  name: z.string(),
  role: z.enum(['lead', 'member']),
});

export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
  parent: z.string().nullable().describe('name of the parent team, if any'),
  children: z.array(z.string()),
  memberCount: z.number().int(),
  entity: catalogEntitySchema.optional(),
});

export const teamDetailSchema = teamSchema.extend({ members: z.array(teamMemberSchema) });

export const createUserSchema = z.strictObject({
  handle: handleSchema,
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  role: roleSchema.default('member'),
  password: z.string().min(10, 'must be at least 10 characters').max(200).optional(),
});

export const updateUserSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  email: z.email().nullable().optional(),
  role: roleSchema.optional(),
  password: z.string().min(10, 'must be at least 10 characters').max(200).optional(),
  currentPassword: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('your current password: required to change your own (an admin resetting another needs none)'),
  disabled: z.boolean().optional().describe('admins only: true stops the user signing in or using tokens'),
});

export const createTeamSchema = z.strictObject({
  name: handleSchema,
  displayName: z.string().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  parent: handleSchema.optional(),
});

export const updateTeamSchema = z.strictObject({
  displayName: z.string().min(1).max(200).optional(),
  description: z.string().max(2000).nullable().optional(),
  parent: handleSchema.nullable().optional(),
});

export const setMembershipSchema = z.strictObject({ role: z.enum(['lead', 'member']).default('member') });

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string().describe('handle of the user the token acts for'),
  scopes: z.array(scopeSchema),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});

export const createTokenSchema = z.strictObject({
  name: z.string().min(1).max(100),
  scopes: z.array(scopeSchema).min(1).default(['read']),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('omit for a token that never expires'),
  owner: handleSchema.optional().describe('admins may create tokens for another user'),
});

export const createdTokenSchema = tokenSchema.extend({
  secret: z.string().describe('shown once; Steward stores only its hash'),
});

export const passwordResetSchema = z.object({
  user: userSchema,
  password: z
    .string()
    .describe('the new password, shown in this answer only; their sessions and API tokens have ended'),
});

export const loginSchema = z.strictObject({
  handle: z.string().min(1).max(63),
  password: z.string().min(1).max(200),
});

export const sessionSchema = z.object({
  user: userSchema,
  csrfToken: z
    .string()
    .nullable()
    .describe(
      'send as the x-csrf-token header on every change made with the session cookie; null when the call was made with a bearer token, which needs none',
    ),
});

export type User = z.infer<typeof userSchema>;
export type Team = z.infer<typeof teamSchema>;
export type TeamDetail = z.infer<typeof teamDetailSchema>;
export type Token = z.infer<typeof tokenSchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type PasswordReset = z.infer<typeof passwordResetSchema>;
