// Scans over HTTP: `PUT /api/v1/guardrails/scans/:target` takes what `steward scan --format json`
// prints and makes it the target's latest scan (members and admins, with a write-scoped token).
import { callerOf } from '../../../platform/http/caller.ts';
import type { TypedApp } from '../../../platform/http/route-types.ts';
import { scanTargetParamsSchema, scanUploadAnswerSchema, scanUploadSchema } from '../schemas.ts';
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
  };
}
