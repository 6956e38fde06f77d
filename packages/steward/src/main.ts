// The steward command line: parses argv and hands to a command. Every verb lives with its module.
import { createProgram, exitCodeFor, inheritExitOverride } from './cli/program.ts';
import { registerServeCommand } from './server/commands.ts';

const program = createProgram();
registerServeCommand(program);
inheritExitOverride(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const { code, message } = exitCodeFor(error);
  if (message) process.stderr.write(`steward: ${message}\n`);
  process.exitCode = code;
}
