// The running guardrails module: its face is the scanner itself, the same engine the CLI uses, and the
// findings of the scans uploaded; in the server, the admission webhook judging objects with the
// scanner and the reports of what it saw, and the scans uploaded by `steward scan --upload`.
import { readFile } from 'node:fs/promises';
import { type AdmissionConfig, defaultAdmissionConfig } from '../../platform/config-admission.ts';
import { type FieldProblem, invalid } from '../../platform/errors.ts';
import type { PlatformServices, RunningModule } from '../../platform/module.ts';
import type { OwnershipService } from '../ownership/index.ts';
import { createAdmissionService } from './admission/admission-service.ts';
import { admissionRoutes } from './admission/routes.ts';
import { type PolicyConfig, parsePolicy } from './engine/policy.ts';
import { scanner } from './engine/scanners.ts';
import type { GuardrailsService } from './index.ts';
import { declaredOwner } from './owners.ts';
import { keepScanOf } from './scans/scan-directory.ts';
import { scanRoutes } from './scans/scan-routes.ts';
import { createScanService } from './scans/scan-service.ts';
import type { GuardrailsTables } from './tables.ts';

export interface GuardrailsNeeds {
  /** Who owns an object under review or an uploaded finding, from the catalog's index. */
  ownership: Pick<OwnershipService, 'index'>;
  /** STEWARD_ADMISSION; the defaults (warn, deny at high in enforce, 2 s, fail-open) when absent. */
  admission?: AdmissionConfig | undefined;
}

export async function guardrailsModuleOf(
  platform: PlatformServices,
  needs: GuardrailsNeeds,
): Promise<RunningModule<GuardrailsService>> {
  const given = needs.admission ?? defaultAdmissionConfig;
  const config = { ...given, teams: teamRefs(given.teams) };
  const db = platform.database.kysely<GuardrailsTables>();
  const admission = createAdmissionService({
    db,
    scanner,
    ownership: needs.ownership,
    config,
    policy: config.policy ? await readPolicy(config.policy) : null,
    logger: platform.logger,
  });
  const scans = createScanService({ db, ownership: needs.ownership });
  return {
    api: {
      scanner,
      openFindings: async () =>
        (await scans.findings()).map(({ team, service, ruleId, severity, target, exempted }) => ({
          team,
          service,
          ruleId,
          severity,
          target,
          exempted,
        })),
      keepScanOf: (request) => keepScanOf(scans, request),
    },
    routes: [admissionRoutes(admission, declaredOwner), scanRoutes(scans)],
    // The first review should not wait for the ownership index to be built: start building it now.
    start: async () => {
      needs.ownership.index().catch((error: unknown) => {
        platform.logger.warn(
          { err: error },
          'the ownership index could not be built yet; reviews will retry',
        );
      });
    },
  };
}

/** Team keys as entity refs (`payments` → `group:default/payments`), each bad one named. */
function teamRefs(teams: AdmissionConfig['teams']): AdmissionConfig['teams'] {
  const out: AdmissionConfig['teams'] = {};
  const problems: FieldProblem[] = [];
  for (const [team, mode] of Object.entries(teams)) {
    const ref = declaredOwner(team);
    if (ref === null) {
      problems.push({
        field: 'STEWARD_ADMISSION',
        message: `teams: ${JSON.stringify(team)} is not a Group name or ref (payments, group:default/payments)`,
      });
    } else out[ref] = mode;
  }
  if (problems.length > 0) {
    throw invalid(
      `invalid configuration: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return out;
}

async function readPolicy(file: string): Promise<PolicyConfig> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw invalid(`invalid configuration: STEWARD_ADMISSION policy: cannot read ${file}: ${error.message}`);
  });
  const { policy, problems } = parsePolicy(file, text, scanner.rules);
  const first = problems[0];
  if (first) {
    throw invalid(
      `invalid configuration: STEWARD_ADMISSION policy: ${first.file}:${first.line}:${first.column}: ${first.message}`,
    );
  }
  return policy;
}
