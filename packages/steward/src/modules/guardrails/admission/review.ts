// AdmissionReview `admission.k8s.io/v1` as the API server sends and reads it: only the fields Steward
// uses are required, the rest pass through unread. A body that is not one is a 400 naming the field.
import { z } from 'zod';

const groupVersionKind = z.object({ group: z.string(), version: z.string(), kind: z.string() });

const kubernetesObject = z
  .record(z.string(), z.unknown(), { error: 'must be the Kubernetes object under review (a JSON object)' })
  .nullable();

export const admissionRequestSchema = z.object({
  uid: z.string({ error: 'must be the request uid (a string), echoed in response.uid' }).min(1),
  kind: groupVersionKind.optional(),
  operation: z.enum(['CREATE', 'UPDATE', 'DELETE', 'CONNECT'], {
    error: 'must be CREATE, UPDATE, DELETE or CONNECT',
  }),
  name: z.string().optional(),
  namespace: z.string().optional(),
  object: kubernetesObject.optional(),
  oldObject: kubernetesObject.optional(),
  dryRun: z.boolean({ error: 'must be true or false' }).optional(),
  userInfo: z.object({ username: z.string().optional() }).optional(),
});

export const admissionReviewSchema = z.object({
  apiVersion: z.literal('admission.k8s.io/v1', {
    error: 'must be admission.k8s.io/v1: list v1 in admissionReviewVersions of the webhook configuration',
  }),
  kind: z.literal('AdmissionReview', { error: 'must be AdmissionReview' }),
  request: admissionRequestSchema,
});

export const admissionResponseSchema = z.object({
  uid: z.string(),
  allowed: z.boolean(),
  status: z.object({ code: z.number().int(), message: z.string() }).optional(),
  warnings: z.array(z.string()).optional(),
});

export const admissionAnswerSchema = z.object({
  apiVersion: z.literal('admission.k8s.io/v1'),
  kind: z.literal('AdmissionReview'),
  response: admissionResponseSchema,
});

export type AdmissionRequest = z.infer<typeof admissionRequestSchema>;
export type AdmissionResponse = z.infer<typeof admissionResponseSchema>;
export type AdmissionAnswer = z.infer<typeof admissionAnswerSchema>;
