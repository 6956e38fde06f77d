// Spec files → one Prometheus rules document. Each YAML document is a Sloth `prometheus/v1` spec or
// an OpenSLO v1 object (SLO, SLI, AlertPolicy, AlertCondition, Service …); OpenSLO references are
// resolved across every file given. Problems are positioned; with any error there is no output.
import { parseWithYamlPackage } from '../../../platform/yaml/fallback.ts';
import { parseFast } from '../../../platform/yaml/fast-parser.ts';
import type { YamlDocument, YamlMap } from '../../../platform/yaml/nodes.ts';
import { day } from './durations.ts';
import { ruleGroups } from './generate.ts';
import type { Extras, Slo, SpecProblem } from './model.ts';
import { type OpenSloObject, readOpenSlo } from './read-openslo.ts';
import { readSlothSpec } from './read-sloth.ts';
import { renderRules } from './render.ts';
import { FieldReader } from './spec-fields.ts';

export interface SpecFile {
  file: string;
  text: string;
}

export interface CompileOptions {
  /** The period of Sloth specs (they do not say): 30 days unless told, as Sloth's --default-slo-period. */
  periodMs?: number;
  /** Extras for every SLO (OpenSLO specs may also ask through annotations). */
  extras?: Extras;
}

export interface CompileResult {
  slos: Slo[];
  /** The rules document; empty when there are problems. */
  rules: string;
  problems: SpecProblem[];
}

export function compileSpecs(files: SpecFile[], options: CompileOptions = {}): CompileResult {
  const problems: SpecProblem[] = [];
  const slos: Slo[] = [];
  const openslo: OpenSloObject[] = [];
  const readers: FieldReader[] = [];
  for (const { file, text } of files) {
    const r = new FieldReader(file, text);
    readers.push(r);
    parseDocuments(text).forEach((doc, index) => {
      for (const e of doc.errors) r.problem(e, '', `is not valid YAML: ${e.message}`);
      if (!doc.contents) return;
      if (doc.contents.kind !== 'map') {
        r.problem(
          doc.contents,
          '',
          'a spec is a mapping: a Sloth spec (version: prometheus/v1) or an OpenSLO object (apiVersion: openslo/v1)',
        );
        return;
      }
      readDocument(r, doc.contents, index, options, slos, openslo);
    });
  }
  slos.push(...readOpenSlo(openslo, options.extras ?? {}));
  for (const r of readers) problems.push(...r.problems);
  problems.push(...duplicateIds(slos));
  if (problems.length > 0) return { slos, rules: '', problems };
  if (slos.length === 0) {
    const file = files[0]?.file ?? '-';
    problems.push({ file, line: 1, column: 1, field: '', message: 'holds no SLO: nothing to generate' });
    return { slos, rules: '', problems };
  }
  return { slos, rules: renderRules(slos.flatMap(ruleGroups)), problems };
}

function readDocument(
  r: FieldReader,
  root: YamlMap,
  index: number,
  options: CompileOptions,
  slos: Slo[],
  openslo: OpenSloObject[],
): void {
  const version = r.string(root, 'version', '');
  const apiVersion = r.string(root, 'apiVersion', '');
  if (version === 'prometheus/v1') {
    const read = readSlothSpec(r, root, options.periodMs ?? 30 * day);
    slos.push(...read.map((slo) => ({ ...slo, extras: { ...options.extras } })));
  } else if (apiVersion === 'openslo/v1') {
    openslo.push({ reader: r, root, document: index });
  } else if (version !== undefined) {
    r.problem(
      r.position(root, 'version', root),
      'version',
      `"${version}" is not a spec version Steward reads: use version: prometheus/v1 (Sloth) or apiVersion: openslo/v1`,
    );
  } else {
    const said = apiVersion === undefined ? 'neither version nor apiVersion' : `apiVersion "${apiVersion}"`;
    r.problem(
      r.position(root, 'apiVersion', root),
      'apiVersion',
      `says ${said}: a Sloth spec starts with version: prometheus/v1, an OpenSLO one with apiVersion: openslo/v1`,
    );
  }
}

function parseDocuments(text: string): YamlDocument[] {
  const fast = parseFast(text);
  if (fast) return fast;
  try {
    return parseWithYamlPackage(text);
  } catch (error) {
    return [
      {
        contents: null,
        errors: [{ code: 'yaml-syntax', message: (error as Error).message, line: 1, column: 1 }],
      },
    ];
  }
}

/** Two SLOs with one id would write two rule groups of one name, which Prometheus refuses. */
function duplicateIds(slos: Slo[]): SpecProblem[] {
  const seen = new Map<string, Slo>();
  const problems: SpecProblem[] = [];
  for (const slo of slos) {
    const first = seen.get(slo.id);
    if (first) {
      const message = `the SLO id "${slo.id}" (service-name) is already used at ${first.at.file}:${first.at.line}: give this SLO another name`;
      problems.push({ ...slo.at, message });
    } else seen.set(slo.id, slo);
  }
  return problems;
}
