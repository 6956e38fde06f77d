// Collects the problems of one file, stamping each with the file and the entity being read.

import type { YamlPosition } from '../../../platform/yaml/nodes.ts';
import type { CatalogProblem, ProblemCode, Severity, SourcePosition } from './model.ts';
import { cappedMessage } from './quote-token.ts';

export interface Reporter {
  readonly file: string;
  /** The ref of the entity being read, or null; stamped on every problem reported. */
  entity: string | null;
  readonly problems: CatalogProblem[];
  /** Errors reported so far (warnings do not count). */
  errorCount: number;
  error(at: YamlPosition, code: ProblemCode, message: string): void;
  warning(at: YamlPosition, code: ProblemCode, message: string): void;
  report(at: YamlPosition, code: ProblemCode, message: string, severity: Severity): void;
  at(position: YamlPosition): SourcePosition;
}

export function createReporter(file: string, problems: CatalogProblem[] = []): Reporter {
  const reporter: Reporter = {
    file,
    entity: null,
    problems,
    errorCount: 0,
    report(at, code, message, severity) {
      if (severity === 'error') reporter.errorCount++;
      problems.push({
        severity,
        file,
        line: at.line,
        column: at.column,
        entity: reporter.entity,
        code,
        message: cappedMessage(message),
      });
    },
    error: (at, code, message) => reporter.report(at, code, message, 'error'),
    warning: (at, code, message) => reporter.report(at, code, message, 'warning'),
    at: (position) => ({ file, line: position.line, column: position.column }),
  };
  return reporter;
}
