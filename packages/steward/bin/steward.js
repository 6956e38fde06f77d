#!/usr/bin/env node
// The steward binary. Node 24 runs the TypeScript sources directly (type stripping).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `steward: needs Node.js 24 or newer, this is ${process.version}. Run it through npm (npx steward, npm start), which uses the Node 24 pinned in the repository.\n`,
  );
  process.exit(2);
}
// Type-stripped and compiled code is kept between runs (in the system's temp directory; Node's own
// NODE_DISABLE_COMPILE_CACHE turns it off): a command starts in half the time.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
await import('../src/main.ts');
