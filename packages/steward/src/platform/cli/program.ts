// The shape every steward command shares: exit codes, one-line errors, output formats.
// Exit codes: 0 success, 1 the check found problems, 2 bad usage or unreadable input.
import { Command, CommanderError, Option } from 'commander';
import { StewardError } from '../errors.ts';

export const exitCodes = { ok: 0, problems: 1, usage: 2 } as const;

/** Thrown by a command to end with a given exit code and a one-line reason. */
export class CliExit extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

export const usageError = (message: string) => new CliExit(exitCodes.usage, message);

export function formatOption(choices: string[] = ['text', 'json'], fallback = 'text'): Option {
  return new Option('--format <format>', 'output format').choices(choices).default(fallback);
}

export function createProgram(): Command {
  endQuietlyWhenTheReaderLeaves();
  const program = new Command('steward')
    .description('Steward: who owns what, who is on call, what is on fire.')
    .showHelpAfterError('(run with --help for usage and examples)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  return program;
}

/**
 * `steward … | head` closes the pipe early: stop there, as `ls | head` does, rather than die with an
 * unhandled EPIPE and a stack trace.
 */
function endQuietlyWhenTheReaderLeaves(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

/** Applies exitOverride to every subcommand, so usage errors exit 2 rather than 1. */
export function inheritExitOverride(command: Command): void {
  for (const sub of command.commands) {
    sub.exitOverride();
    sub.showHelpAfterError('(run with --help for usage and examples)');
    inheritExitOverride(sub);
  }
}

export function exitCodeFor(error: unknown): { code: number; message: string | undefined } {
  if (error instanceof CliExit) return { code: error.code, message: error.message };
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help).
    const helpShown = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
    return { code: helpShown || error.exitCode === 0 ? 0 : exitCodes.usage, message: undefined };
  }
  if (error instanceof StewardError) {
    return { code: exitCodes.usage, message: error.message };
  }
  return { code: exitCodes.usage, message: (error as Error)?.message ?? String(error) };
}

export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
