// Scans over HTTP: `PUT /api/v1/guardrails/scans/:target` takes what `steward scan --format json`
// prints and makes it the target's latest scan (members and admins, with a write-scoped token); any
// reader lists the scans, their findings (paged, or counted by team, service or target) and exemptions.
import { callerOf } from '../../../platform/http/caller.ts';
import { listOf } from '../../../platform/http/list-schema.ts';
import type { TypedApp } from '../../../platform/http/route-types.ts';
import {
  exemptionsQuerySchema,
  findingListSchema,
  findingSummaryQuerySchema,
  findingSummarySchema,
  findingsQuerySchema,
  scanExemptionViewSchema,
  scanTargetParamsSchema,
  scanUploadAnswerSchema,
  scanUploadSchema,
  scanViewSchema,
} from '../schemas.ts';
import type { ScanService } from './scan-service.ts';

const tags = ['guardrails'];

/** A scan of a large monorepo: 100,000 findings of about 600 bytes each, and room to spare. */
const uploadBodyLimit = 96 * 1024 * 1024;

export function scanRoutes(service: ScanService) {
  return (app: TypedApp) => {
    app.put(
      '/api/v1/guardrails/scans/:target',
      {
        bodyLimit: uploadBodyLimit,
        config: { access: 'write' },
        schema: {
          tags,
          summary:
            "Upload a scan (the JSON of `steward scan --format json`) as the target repository's latest: it replaces the previous one whole",
          params: scanTargetParamsSchema,
          body: scanUploadSchema,
          response: { 200: scanUploadAnswerSchema },
        },
      },
      async (request) => service.upload(request.params.target, request.body, callerOf(request).handle),
    );

    app.get(
      '/api/v1/guardrails/scans',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'The latest scan of each target: when, by whom, how many findings',
          response: { 200: listOf(scanViewSchema) },
        },
      },
      async () => ({ items: await service.scans() }),
    );

    app.get(
      '/api/v1/guardrails/findings',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary:
            "Findings of every target's latest scan, the most severe first, filtered by team, service, severity or target; paged with `cursor`",
          querystring: findingsQuerySchema,
          response: { 200: findingListSchema },
        },
      },
      async (request) => service.listFindings(request.query),
    );

    app.get(
      '/api/v1/guardrails/findings/summary',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Open findings counted by severity, and exempted ones, per team, service or target',
          querystring: findingSummaryQuerySchema,
          response: { 200: findingSummarySchema },
        },
      },
      async (request) => service.summarise(request.query),
    );

    app.get(
      '/api/v1/guardrails/exemptions',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary:
            'Every exemption the latest scans used or found expired: rule, reason, approver, expiry, where; the soonest to expire first',
          querystring: exemptionsQuerySchema,
          response: { 200: listOf(scanExemptionViewSchema) },
        },
      },
      async (request) => ({ items: await service.exemptions(request.query) }),
    );
  };
}
