import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseAddinConfig, type ConfigIssue } from './config.js';
import { outlookJsonManifest } from './json.js';
import { validateUnifiedManifest } from './validate-json.js';
import { outlookXmlManifest } from './xml.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `Usage: npx tsx manifest/src/generate.ts [--config FILE] [--service-url URL] [--send-mode MODE] [--out DIR]

Writes manifest.xml (add-in only) and manifest.json (unified) for PHI Guard's Outlook add-in.
  --config FILE       the add-in settings (default manifest/addin.json)
  --service-url URL   the PHI Guard service, e.g. https://phiguard.clinic.example.org (overrides the file)
  --send-mode MODE    SoftBlock (default), PromptUser, or Block (admin deployment only)
  --out DIR           where to write (default manifest/dist)

Exit status: 0 written, 1 invalid or unreadable settings, 2 bad command line.
`;

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface GenerateIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The generator's command line; returns the exit status instead of exiting, so tests can run it. */
export async function runGenerate(argv: readonly string[], io: GenerateIo): Promise<number> {
  let values: { config?: string; 'service-url'?: string; 'send-mode'?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        'service-url': { type: 'string' },
        'send-mode': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }

  const configFile = values.config ?? join(PACKAGE_DIR, 'addin.json');
  const raw = await readJson(configFile);
  if (!raw.ok) {
    io.err(`${configFile}: ${raw.message}\n`);
    return EXIT.failed;
  }
  const overrides: Record<string, string> = {};
  if (values['service-url'] !== undefined) overrides.serviceUrl = values['service-url'];
  if (values['send-mode'] !== undefined) overrides.sendMode = values['send-mode'];
  const parsed = parseAddinConfig(isObject(raw.value) ? { ...raw.value, ...overrides } : raw.value);
  if (!parsed.ok) {
    // A problem with a value given on the command line names its option, not the file.
    io.err(formatIssues(parsed.issues, (path) => (path in overrides ? `--${OPTION_OF[path]}` : configFile)));
    return EXIT.failed;
  }

  const json = outlookJsonManifest(parsed.config);
  const schemaProblems = await validateUnifiedManifest(json);
  if (schemaProblems.length > 0) {
    io.err(schemaProblems.map((problem) => `manifest.json:${problem}\n`).join(''));
    return EXIT.failed;
  }
  const outDir = values.out ?? join(PACKAGE_DIR, 'dist');
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'manifest.xml'), outlookXmlManifest(parsed.config));
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(json, null, 2)}\n`);
  const sso = parsed.config.microsoft ? `, Office SSO app ${parsed.config.microsoft.clientId}` : '';
  io.out(`Wrote manifest.xml and manifest.json to ${outDir} for ${parsed.config.serviceUrl} (send mode ${parsed.config.sendMode}${sso}).\n`);
  return EXIT.ok;
}

const OPTION_OF: Readonly<Record<string, string>> = { serviceUrl: 'service-url', sendMode: 'send-mode' };

/** One line per problem: where the value came from, field path, what is wrong, and the stable code. */
function formatIssues(issues: readonly ConfigIssue[], sourceOf: (path: string) => string): string {
  return issues
    .map((issue) => `${sourceOf(issue.path)}: ${issue.path ? `${issue.path}: ` : ''}${issue.message} (${issue.code})\n`)
    .join('');
}

async function readJson(file: string): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'the file could not be read' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: 'not valid JSON' };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  void runGenerate(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  }).then((status) => {
    process.exitCode = status;
  });
}
