// Builds the add-in into dist/ (`npm run build`): the on-send script and the event runtime page.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAUNCH_EVENT_PAGE, onSendBuild } from './build-options.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildAddin(out = join(root, 'dist')): Promise<void> {
  await mkdir(out, { recursive: true });
  await build({ ...onSendBuild(root), outfile: join(out, 'onsend.js') });
  await writeFile(join(out, 'launchevent.html'), LAUNCH_EVENT_PAGE);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAddin();
