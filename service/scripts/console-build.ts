// How the admin console is built; shared by build-console.ts and the console's browser test.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Writes console.js (the core included, for "try it"), console.css and index.html into `out`,
 * from the console sources in `consoleRoot` (service/console).
 */
export async function buildConsole(consoleRoot: string, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const common = { bundle: true, minify: true, legalComments: 'none', logLevel: 'warning' } as const;
  await build({
    ...common,
    entryPoints: [join(consoleRoot, 'src/main.ts')],
    outfile: join(out, 'console.js'),
    format: 'iife',
    platform: 'browser',
    conditions: ['@phiguard/source'],
    target: ['chrome100', 'edge100', 'safari15', 'firefox100'],
  });
  await build({ ...common, entryPoints: [join(consoleRoot, 'console.css')], outfile: join(out, 'console.css') });
  await copyFile(join(consoleRoot, 'index.html'), join(out, 'index.html'));
}
