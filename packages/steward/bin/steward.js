#!/usr/bin/env node
// The steward binary. Node 24 runs the TypeScript sources directly (type stripping).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `steward: needs Node.js 24 or newer, this is ${process.version}. Run it through npm (npx steward, npm start), which uses the Node 24 pinned in the repository.\n`,
  );
  process.exit(2);
}
await import('../src/main.ts');
