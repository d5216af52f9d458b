// Builds the add-in into dist/ (`npm run build`): the on-send script and the event runtime page.
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAUNCH_EVENT_PAGE, onSendBuild } from './build-options.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildAddin(out = join(root, 'dist')): Promise<void> {
  await mkdir(out, { recursive: true });
  await build({ ...onSendBuild(root), outfile: join(out, 'onsend.js') });
  await writeFile(join(out, 'launchevent.html'), LAUNCH_EVENT_PAGE);
  // The icons the manifests point at (drawn in manifest/, served from here).
  const icons = join(root, '..', 'manifest', 'assets');
  await mkdir(join(out, 'assets'), { recursive: true });
  for (const file of (await readdir(icons)).filter((f) => f.endsWith('.png'))) await copyFile(join(icons, file), join(out, 'assets', file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAddin();
