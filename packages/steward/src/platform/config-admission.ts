// The admission webhook's configuration (STEWARD_ADMISSION, JSON): its shape, defaults and reader.
// config.ts reads it from the environment with everything else.
import { z } from 'zod';

export type AdmissionMode = 'enforce' | 'warn' | 'audit';

/** Read by the guardrails module; documented in docs/guardrails.md. */
export interface AdmissionConfig {
  /** The mode where neither the namespace nor the owning team has one of its own. */
  mode: AdmissionMode;
  /** Modes by namespace; a namespace's mode wins over its team's. */
  namespaces: Record<string, AdmissionMode>;
  /** Modes by owning team (a Group name or ref: `payments`, `group:default/payments`). */
  teams: Record<string, AdmissionMode>;
  /** In enforce mode, findings at or above this severity deny; those below are warnings. */
  denyAt: 'info' | 'low' | 'medium' | 'high' | 'critical';
  /** The hard time budget of one review, in ms; past it the answer is `onTimeout`. */
  timeoutMs: number;
  /** allow: admitted with a warning that it went unchecked (fail-open); deny: refused. */
  onTimeout: 'allow' | 'deny';
  /** A GuardrailsPolicy file (rules on/off, registries, central exemptions, CEL rules), as `steward scan --policy`. */
  policy: string | undefined;
}

export const defaultAdmissionConfig: AdmissionConfig = {
  mode: 'warn',
  namespaces: {},
  teams: {},
  denyAt: 'high',
  timeoutMs: 2000,
  onTimeout: 'allow',
  policy: undefined,
};

const admissionModes = ['enforce', 'warn', 'audit'] as const;
const modeError = { error: 'must be enforce, warn or audit' };
const admissionExample =
  '{"mode":"warn","namespaces":{"payments":"enforce"},"teams":{"group:default/search":"audit"},"denyAt":"high","timeoutMs":2000,"onTimeout":"allow"}';

export const admissionSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be JSON: ${admissionExample}` });
      return z.NEVER;
    }
  })
  .pipe(
    z.strictObject(
      {
        mode: z.enum(admissionModes, modeError).default(defaultAdmissionConfig.mode),
        namespaces: z.record(z.string().min(1), z.enum(admissionModes, modeError)).default({}),
        teams: z.record(z.string().min(1), z.enum(admissionModes, modeError)).default({}),
        denyAt: z
          .enum(['info', 'low', 'medium', 'high', 'critical'], {
            error: 'must be info, low, medium, high or critical',
          })
          .default(defaultAdmissionConfig.denyAt),
        timeoutMs: z
          .number({ error: 'must be a number of milliseconds' })
          .int()
          .min(50, 'must be at least 50 ms')
          .max(29_000, 'must be at most 29000 ms (Kubernetes waits 30 s for a webhook at most)')
          .default(defaultAdmissionConfig.timeoutMs),
        onTimeout: z
          .enum(['allow', 'deny'], { error: 'must be allow or deny' })
          .default(defaultAdmissionConfig.onTimeout),
        policy: z.string().min(1).optional(),
      },
      { error: `must be a JSON object: ${admissionExample}` },
    ),
  );
