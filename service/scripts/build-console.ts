// Builds the admin console into service/console/dist (`npm run build`), which the service serves at /admin.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConsole } from './console-build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'console');
await buildConsole(root, join(root, 'dist'));
