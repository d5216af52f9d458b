#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript (npm install runs the build).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('phi-guard is not built yet: run `npm install` (or `npm run build`) at the repository root.');
  process.exit(1);
}
await import(entry.href);
