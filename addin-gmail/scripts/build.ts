// Builds the Apps Script project into dist/ (`npm run build`), ready for `clasp push`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGmailAddon } from './build-options.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = await buildGmailAddon(root);
process.stdout.write(`Wrote Code.js and appsscript.json to addin-gmail/dist for ${config.serviceUrl}.\n`);
