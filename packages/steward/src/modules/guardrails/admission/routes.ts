// The admission webhook and its reports. `POST /admission/validate` is public: the API server calls
// webhooks over TLS without a bearer token, and the answer says only what the caller sent.
import { z } from 'zod';
import { invalid } from '../../../platform/errors.ts';
import type { TypedApp } from '../../../platform/http/route-types.ts';
import { severities } from '../engine/model.ts';
import type { AdmissionService } from './admission-service.ts';
import { admissionAnswerSchema, admissionReviewSchema } from './review.ts';

const tags = ['guardrails'];

/** An AdmissionReview carries the object and the old one; etcd keeps objects up to 1.5 MiB. */
const reviewBodyLimit = 4 * 1024 * 1024;

const reportSchema = z.object({
  uid: z.string().describe("the AdmissionReview's request.uid"),
  at: z.string(),
  team: z.string().nullable().describe('entity ref of the owning team; null when nothing owns it'),
  namespace: z.string().nullable(),
  resource: z.string().describe('Kind/namespace/name'),
  operation: z.string(),
  mode: z.enum(['enforce', 'warn', 'audit']),
  allowed: z.boolean(),
  user: z.string().nullable().describe('who asked Kubernetes'),
  findings: z.array(
    z.object({
      ruleId: z.string(),
      severity: z.enum(severities),
      message: z.string(),
      resource: z.string().nullable(),
      container: z.string().nullable(),
      aliases: z.array(z.string()),
    }),
  ),
});

export function admissionRoutes(service: AdmissionService, teamRef: (team: string) => string | null) {
  return (app: TypedApp) => {
    app.post(
      '/admission/validate',
      {
        config: { access: 'public' },
        bodyLimit: reviewBodyLimit,
        schema: {
          tags,
          summary:
            'Kubernetes validating admission webhook: AdmissionReview admission.k8s.io/v1 in, the same with its response out',
          security: [],
          body: admissionReviewSchema,
          response: { 200: admissionAnswerSchema },
        },
      },
      async (request) => ({
        apiVersion: 'admission.k8s.io/v1' as const,
        kind: 'AdmissionReview' as const,
        response: await service.review(request.body.request),
      }),
    );

    app.get(
      '/api/v1/guardrails/admission-reports',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'What the admission webhook saw (findings, mode, allowed or not), newest first, by team',
          querystring: z.object({
            team: z
              .string()
              .min(1)
              .optional()
              .describe('a Group name or ref: payments, group:default/payments'),
            namespace: z.string().min(1).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          response: { 200: z.object({ items: z.array(reportSchema) }) },
        },
      },
      async (request) => {
        const { team, namespace, limit } = request.query;
        const ref = team === undefined ? undefined : teamRef(team);
        if (ref === null) {
          const message = `${JSON.stringify(team)} is not a Group name or ref; write payments or group:default/payments`;
          throw invalid(`querystring.team: ${message}`, [{ field: 'querystring.team', message }]);
        }
        return { items: await service.reports({ team: ref, namespace, limit }) };
      },
    );
  };
}
