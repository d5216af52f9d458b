// Builds the add-in into dist/ (`npm run build`): the on-send script, the event runtime page and the task pane.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAddinFiles } from './build-options.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildAddin(out = join(root, 'dist')): Promise<void> {
  await buildAddinFiles(root, out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAddin();
