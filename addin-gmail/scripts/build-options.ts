// How the Apps Script project is built; shared by scripts/build.ts and the bundle test.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import webpack from 'webpack';
import { appsScriptManifest } from '../../manifest/src/apps-script.js';
import { parseAddinConfig, type AddinConfig } from '../../manifest/src/config.js';
import { ENTRY_POINTS } from '../src/names.js';

/** The bundle's exports live on this one global; the stubs below call into it. */
const LIBRARY = 'PhiGuard';

/**
 * Apps Script finds triggers and card actions only as top-level functions, so each entry point
 * gets a plain function that calls the bundle's export of the same name.
 */
export function entryStubs(): string {
  return Object.values(ENTRY_POINTS)
    .map((name) => `function ${name}(e) { return ${LIBRARY}.${name}(e); }`)
    .join('\n');
}

export function webpackConfig(root: string, config: AddinConfig, out: string): webpack.Configuration {
  return {
    mode: 'production',
    // Apps Script's V8 runtime; no browser or Node platform, so nothing of either creeps in.
    target: 'es2019',
    entry: join(root, 'src/main.ts'),
    // One script, no chunks to load.
    output: { path: out, filename: 'Code.js', library: { type: 'var', name: LIBRARY }, globalObject: 'globalThis', chunkFormat: false, chunkLoading: false },
    resolve: {
      extensions: ['.ts', '.js'],
      extensionAlias: { '.js': ['.ts', '.js'] },
      conditionNames: ['@phiguard/source', 'import', 'module', 'default'],
    },
    module: {
      rules: [{ test: /\.ts$/, use: { loader: 'swc-loader', options: { jsc: { parser: { syntax: 'typescript' }, target: 'es2019' } } } }],
    },
    // Readable in the Apps Script editor and in its execution log's stack traces.
    optimization: { minimize: false },
    devtool: false,
    performance: { hints: false },
    plugins: [
      new webpack.DefinePlugin({ PHIGUARD_SERVICE_URL: JSON.stringify(config.serviceUrl) }),
      new webpack.BannerPlugin({ banner: entryStubs(), raw: true, footer: true }),
    ],
  };
}

/**
 * Writes Code.js (the add-on and the core in one script, no modules) and appsscript.json into
 * `out` (default dist/), both from the add-in settings (default manifest/addin.json).
 */
export async function buildGmailAddon(root: string, options: { configFile?: string; out?: string } = {}): Promise<AddinConfig> {
  const configFile = options.configFile ?? join(root, '..', 'manifest', 'addin.json');
  const parsed = parseAddinConfig(JSON.parse(await readFile(configFile, 'utf8')));
  if (!parsed.ok) throw new Error(`${configFile}: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  const out = options.out ?? join(root, 'dist');
  await mkdir(out, { recursive: true });
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack(webpackConfig(root, parsed.config, out), (error, result) => (error || !result ? reject(error ?? new Error('webpack gave no result')) : resolve(result)));
  });
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  await writeFile(join(out, 'appsscript.json'), `${JSON.stringify(appsScriptManifest(parsed.config), null, 2)}\n`);
  return parsed.config;
}
