// The steward command line: parses argv and hands to a command. Every verb lives with its module.

import { registerLoginCommand } from './cli/login-command.ts';
import { createProgram, exitCodeFor, inheritExitOverride } from './cli/program.ts';
import { registerCatalogCommands } from './modules/catalog/commands.ts';
import { registerCatalogImportCommand } from './modules/catalog/import-command.ts';
import { registerIdentityCommands } from './modules/identity/commands.ts';
import { registerOwnershipCommands } from './modules/ownership/commands.ts';
import { registerWhoOwnsCommand } from './modules/ownership/who-owns-command.ts';
import { registerAuditCommand } from './platform/audit/commands.ts';
import { registerServeCommand } from './server/commands.ts';

const program = createProgram();
registerServeCommand(program);
registerLoginCommand(program);
registerIdentityCommands(program);
registerOwnershipCommands(program);
registerWhoOwnsCommand(program);
registerCatalogCommands(program);
registerCatalogImportCommand(program);
registerAuditCommand(program);
inheritExitOverride(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const { code, message } = exitCodeFor(error);
  if (message) process.stderr.write(`steward: ${message}\n`);
  process.exitCode = code;
}
