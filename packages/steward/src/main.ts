// The steward command line: parses argv and hands to a command. Every verb lives with its module;
// only the modules of the command being run are loaded, so `steward who-owns` starts quickly.
import type { Command } from 'commander';
import { createProgram, exitCodeFor, inheritExitOverride } from './platform/cli/program.ts';

type Register = (program: Command) => void;

/** Top-level command names → where they are registered, in the order `steward --help` lists them. */
const commandTable: [names: string[], load: () => Promise<Register>][] = [
  [['serve'], async () => (await import('./server/commands.ts')).registerServeCommand],
  [['catalog'], async () => (await import('./modules/catalog/commands.ts')).registerCatalogCommands],
  [
    ['catalog'],
    async () => (await import('./modules/catalog/import-command.ts')).registerCatalogImportCommand,
  ],
  [
    ['who-owns'],
    async () => (await import('./modules/ownership/who-owns-command.ts')).registerWhoOwnsCommand,
  ],
  [['codeowners'], async () => (await import('./modules/ownership/commands.ts')).registerOwnershipCommands],
  [
    ['teams', 'users', 'tokens'],
    async () => (await import('./modules/identity/commands.ts')).registerIdentityCommands,
  ],
  [['audit'], async () => (await import('./platform/audit/commands.ts')).registerAuditCommand],
  [['db'], async () => (await import('./platform/db/commands.ts')).registerDbCommands],
  [['login'], async () => (await import('./modules/identity/login-command.ts')).registerLoginCommand],
];

async function registerCommands(program: Command, argv: string[]): Promise<void> {
  const named = argv.find((arg) => !arg.startsWith('-'));
  const matching = commandTable.filter(([names]) => named !== undefined && names.includes(named));
  // Help, or a name we don't know: load every command so help and "did you mean" see them all.
  for (const [, load] of matching.length > 0 ? matching : commandTable) (await load())(program);
}

const program = createProgram();
try {
  await registerCommands(program, process.argv.slice(2));
  inheritExitOverride(program);
  await program.parseAsync(process.argv);
} catch (error) {
  const { code, message } = exitCodeFor(error);
  if (message) process.stderr.write(`steward: ${message}\n`);
  process.exitCode = code;
}
