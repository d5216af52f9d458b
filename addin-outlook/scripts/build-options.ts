// How the add-in's files are built; shared by scripts/build.ts and the bundle tests.
import type { BuildOptions } from 'esbuild';
import { join } from 'node:path';

/** The on-send script: one self-contained file, since the JavaScript-only runtime loads no modules. */
export function onSendBuild(root: string): BuildOptions {
  return {
    entryPoints: [join(root, 'src/onsend/index.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    // Neutral: no Node or browser shims may creep in; entry fields for dependencies such as fastest-levenshtein.
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['@phiguard/source'],
    target: 'es2017',
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/** The HTML runtime (Outlook on the web, new Outlook, Mac) loads Office.js, then the same script. */
export const LAUNCH_EVENT_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>PHI Guard on-send check</title>
<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
<script src="onsend.js"></script>
</head>
<body></body>
</html>
`;
