// A directory on the server's own disk scanned and kept as a target's latest scan, exactly as
// `steward scan DIR --upload` from a CI pipeline would keep it: the demo's manifests (examples/acme)
// are scanned this way at start, so the Guardrails area and the scorecards' findings rule show
// something real. File paths are relative to `root`, the repository the target names.
import { jsonReport } from '../engine/output/json.ts';
import { defaultScanConfig } from '../engine/scan.ts';
import { scanner } from '../engine/scanners.ts';
import { listFiles, readSource } from '../read-files.ts';
import { type ScanUploadAnswer, scanUploadSchema } from '../schemas.ts';
import type { ScanService } from './scan-service.ts';
import { utcToday } from './scan-service.ts';

export async function keepScanOf(
  scans: Pick<ScanService, 'upload'>,
  request: { root: string; paths: string[]; target: string; by: string },
): Promise<ScanUploadAnswer> {
  const listed = await listFiles(request.paths, scanner.accepts, () => false);
  const files = [];
  const problems = [...listed.problems];
  for (const path of listed.paths) {
    const read = await readSource(path, request.root);
    if ('text' in read) files.push(read);
    else problems.push(read);
  }
  await scanner.prepare(files);
  const result = scanner.scan(files, defaultScanConfig(utcToday()));
  // The server finds each finding's team and service from its own catalog when it keeps the scan.
  const unowned = <T>(findings: T[]) => findings.map((finding) => ({ ...finding, owner: null }));
  const report = jsonReport({
    findings: unowned(result.findings),
    exemptions: result.exemptions,
    exempted: unowned(result.exempted),
    problems: [...problems, ...result.problems],
    rules: [],
    filesRead: result.filesRead,
    baselined: 0,
  });
  return scans.upload(request.target, scanUploadSchema.parse(JSON.parse(report)), request.by);
}
