// How the add-in's files are built; shared by scripts/build.ts and the bundle tests.
import { build, type BuildOptions } from 'esbuild';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OCR_FOLDER, OCR_WORKER_FILE, WORKER_FILE } from '../src/attachments/protocol.js';

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

/** The task pane's script and stylesheet (taskpane.html links both; the CSP allows no inline code). */
export function taskPaneBuild(root: string): BuildOptions {
  return {
    entryPoints: [join(root, 'src/taskpane/index.ts'), join(root, 'src/taskpane/taskpane.css')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    conditions: ['@phiguard/source'],
    // The browsers behind Outlook on the web, new Outlook (WebView2) and Mac (WKWebView).
    target: ['chrome100', 'edge100', 'safari15', 'firefox100'],
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/**
 * pgp.js: OpenPGP encryption, which the task pane loads only when the user encrypts
 * (src/taskpane/pgp-loader.ts), so openpgp stays out of taskpane.js.
 */
export function pgpBuild(root: string): BuildOptions {
  return { ...taskPaneBuild(root), entryPoints: [join(root, 'src/pgp/entry.ts')] };
}

/**
 * The task pane's extraction worker (src/attachments/worker.ts): pdf.js, mammoth, the spreadsheet
 * and mail readers and tesseract.js's client in one file, loaded only when a draft has an attachment
 * the pane cannot read as text, so none of it is in taskpane.js.
 */
export function extractWorkerBuild(root: string): BuildOptions {
  return { ...taskPaneBuild(root), entryPoints: [join(root, 'src/attachments/worker.ts')] };
}

/**
 * What the extraction worker's OCR loads on the first image, from the installed packages: the
 * tesseract.js worker, the LSTM-only wasm cores (tesseract.js picks by the browser's SIMD support)
 * and the English model. Served by the service, so nothing comes from a CDN.
 */
export function ocrAssets(): Array<{ from: string; name: string }> {
  // Resolved from the attachments package, whose dependencies they are (the core through tesseract.js).
  const attachments = createRequire(createRequire(import.meta.url).resolve('@phiguard/attachments/package.json'));
  const tesseract = dirname(attachments.resolve('tesseract.js/package.json'));
  const core = dirname(createRequire(join(tesseract, 'package.json')).resolve('tesseract.js-core/package.json'));
  const lang = join(dirname(attachments.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  return [
    { from: join(tesseract, 'dist', OCR_WORKER_FILE), name: OCR_WORKER_FILE },
    ...OCR_CORES.map((name) => ({ from: join(core, name), name })),
    { from: join(lang, 'eng.traineddata.gz'), name: 'eng.traineddata.gz' },
  ];
}

/** The builds tesseract.js chooses among for the LSTM engine (src/worker-script/browser/getCore.js). */
export const OCR_CORES = ['tesseract-core-lstm.wasm.js', 'tesseract-core-simd-lstm.wasm.js', 'tesseract-core-relaxedsimd-lstm.wasm.js'] as const;

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

/** Writes every file the service serves under /addin/outlook/ into `out`. */
export async function buildAddinFiles(root: string, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  await build({ ...onSendBuild(root), outfile: join(out, 'onsend.js') });
  await writeFile(join(out, 'launchevent.html'), LAUNCH_EVENT_PAGE);
  // index.ts → taskpane.js beside taskpane.css.
  await build({ ...taskPaneBuild(root), outdir: out, entryNames: 'taskpane' });
  await copyFile(join(root, 'src/taskpane/taskpane.html'), join(out, 'taskpane.html'));
  await build({ ...pgpBuild(root), outfile: join(out, 'pgp.js') });
  await build({ ...extractWorkerBuild(root), outfile: join(out, WORKER_FILE) });
  await mkdir(join(out, OCR_FOLDER), { recursive: true });
  for (const { from, name } of ocrAssets()) await copyFile(from, join(out, OCR_FOLDER, name));
  // The icons the manifests point at (drawn in manifest/, served from here).
  const icons = join(root, '..', 'manifest', 'assets');
  await mkdir(join(out, 'assets'), { recursive: true });
  for (const file of (await readdir(icons)).filter((f) => f.endsWith('.png'))) await copyFile(join(icons, file), join(out, 'assets', file));
}
