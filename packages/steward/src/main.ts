// The steward command line: parses argv and hands to a command. Every verb lives with its module (its
// manifest names them) or with the platform; only the files of the command being run are loaded, so
// `steward who-owns` starts quickly.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createProgram, exitCodeFor, inheritExitOverride } from './platform/cli/program.ts';
import type { CommandEntry } from './platform/module.ts';
import { moduleMigrationFolders, modules } from './server/modules.ts';

/** Top-level command names → where they are registered, in the order `steward --help` lists them. */
const commandTable: CommandEntry[] = [
  { names: ['serve'], load: async () => (await import('./server/commands.ts')).registerServeCommand },
  ...modules.flatMap((m) => m.commands ?? []),
  { names: ['jobs'], load: async () => (await import('./platform/jobs/commands.ts')).registerJobsCommand },
  { names: ['audit'], load: async () => (await import('./platform/audit/commands.ts')).registerAuditCommand },
  {
    names: ['db'],
    load: async () => {
      const { registerDbCommands } = await import('./platform/db/commands.ts');
      return (program) => registerDbCommands(program, moduleMigrationFolders);
    },
  },
];

const versionFlags = new Set(['-V', '--version']);

/** The version of this steward, as its package says. */
function packageVersion(): string {
  const file = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

async function registerCommands(program: Command, argv: string[]): Promise<void> {
  const named = argv.find((arg) => !arg.startsWith('-'));
  // `steward --version` needs no command loaded.
  if (named === undefined && argv.some((arg) => versionFlags.has(arg))) return;
  const matching = commandTable.filter(({ names }) => named !== undefined && names.includes(named));
  // Help, or a name we don't know: load every command so help and "did you mean" see them all.
  for (const { load } of matching.length > 0 ? matching : commandTable) (await load())(program);
}

const program = createProgram().version(packageVersion(), '-V, --version', 'print the steward version');
try {
  await registerCommands(program, process.argv.slice(2));
  inheritExitOverride(program);
  await program.parseAsync(process.argv);
} catch (error) {
  const { code, message } = exitCodeFor(error);
  if (message) process.stderr.write(`steward: ${message}\n`);
  process.exitCode = code;
}
