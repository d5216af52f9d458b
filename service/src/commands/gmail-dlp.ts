import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_POLICY, type Policy } from '@phiguard/core';
import { loadConfig, type ConfigSources } from '../config.js';
import { gmailDlpInstructions } from '../gmail-dlp/instructions.js';
import { ServiceUrlSchema, planGmailDlp } from '../gmail-dlp/rules.js';
import { EXIT, UsageError, write, type Command } from './command.js';
import { formatPolicyProblems, loadPolicyFile } from './policy.js';

const USAGE = `Usage:
  phi-guard gmail-dlp [--policy FILE] [--service-url URL] [--format markdown|json]

A Gmail add-on cannot block the Send button, so Google Workspace DLP rules are the
backstop. This prints those rules, generated from the same policy the add-ins use,
with step-by-step Admin console instructions.

Options:
  --policy FILE       the organisation's policy (PHIGUARD_POLICY_FILE; the built-in
                      default otherwise)
  --service-url URL   where recipients open portal links (PHIGUARD_PUBLIC_URL), so the
                      rules let PHI Guard's own portal notices through; without it they
                      have no such exception
  --format FORMAT     markdown (default): the instructions, with the rules as JSON at
                      the end; json: only the rules

Settings not given as options come from the service configuration (PHIGUARD_CONFIG and
the environment), as for 'phi-guard serve'.

Exit status: 0 when the rules were printed, 1 when the policy or configuration is
invalid, 2 for a bad command line.
`;

const FORMATS = ['markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** The command, reading defaults from `sources` (the process's environment and folder unless a test says otherwise). */
export function createGmailDlpCommand(sources: () => ConfigSources = () => ({ env: process.env, cwd: process.cwd() })): Command {
  return {
    name: 'gmail-dlp',
    summary: 'Print Google Workspace DLP rules for Gmail, generated from the policy',
    usage: USAGE,
    async run(args, io) {
      const options = parseGmailDlpArgs(args);
      let { policyFile, serviceUrl } = options;
      if (policyFile === undefined || serviceUrl === undefined) {
        const { env, cwd } = sources();
        const loaded = await loadConfig({ env, cwd });
        if (!loaded.ok) {
          await write(io.stderr, `phi-guard gmail-dlp: invalid configuration\n${loaded.problems.map((p) => `  ${p}\n`).join('')}`);
          return EXIT.failed;
        }
        policyFile ??= loaded.config.policyFile === undefined ? undefined : resolve(cwd, loaded.config.policyFile);
        if (serviceUrl === undefined && loaded.config.portal.publicUrl !== undefined) {
          const parsed = ServiceUrlSchema.safeParse(loaded.config.portal.publicUrl);
          if (!parsed.success) {
            await write(io.stderr, `phi-guard gmail-dlp: invalid configuration\n  portal.publicUrl: ${parsed.error.issues[0]?.message}\n`);
            return EXIT.failed;
          }
          serviceUrl = parsed.data;
        }
      }

      let policy: Policy = DEFAULT_POLICY;
      if (policyFile !== undefined) {
        const result = await loadPolicyFile(policyFile);
        if (!result.ok) {
          await write(io.stderr, formatPolicyProblems(policyFile, result));
          return EXIT.failed;
        }
        policy = result.policy;
      }

      const plan = planGmailDlp(policy, serviceUrl === undefined ? {} : { serviceUrl });
      if (serviceUrl === undefined) {
        await write(io.stderr, "phi-guard gmail-dlp: no service URL (--service-url or PHIGUARD_PUBLIC_URL): the rules have no exception for PHI Guard's portal notices.\n");
      }
      await write(io.stdout, options.format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : gmailDlpInstructions(plan));
      return EXIT.ok;
    },
  };
}

export const gmailDlpCommand = createGmailDlpCommand();

function parseGmailDlpArgs(args: readonly string[]): { policyFile?: string; serviceUrl?: string; format: Format } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { policy: { type: 'string' }, 'service-url': { type: 'string' }, format: { type: 'string', default: 'markdown' } },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const format = FORMATS.find((f) => f === values.format);
  if (format === undefined) throw new UsageError(`--format takes ${FORMATS.join(' or ')}`);
  let serviceUrl: string | undefined;
  if (values['service-url'] !== undefined) {
    const parsed = ServiceUrlSchema.safeParse(values['service-url']);
    if (!parsed.success) throw new UsageError(`--service-url: ${parsed.error.issues[0]?.message ?? 'not a URL'}`);
    serviceUrl = parsed.data;
  }
  return {
    format,
    ...(values.policy === undefined ? {} : { policyFile: values.policy }),
    ...(serviceUrl === undefined ? {} : { serviceUrl }),
  };
}
