import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_TOKEN_DEFAULT_TTL_SECONDS, DEV_TOKEN_MAX_TTL_SECONDS, loadDevKey, signDevToken } from '../auth/dev-issuer.js';
import { RoleSchema, type Role } from '../auth/principal.js';
import { EXIT, UsageError, write, type Command } from './command.js';

const USAGE = `Usage:
  phi-guard dev-token --sub USER [--role ROLE]... [--email EMAIL] [--ttl DURATION] [--data DIR]

Prints a short-lived bearer token signed by the data folder's dev key (created on
first use). 'phi-guard serve --dev' with the same data folder accepts it; a service
not in dev mode never does.

Options:
  --sub USER        subject of the token (required)
  --role ROLE       user, admin or auditor; repeat for several (everyone is a user)
  --email EMAIL     email claim; PHIGUARD_ADMINS / PHIGUARD_AUDITORS match on it
  --ttl DURATION    lifetime such as 90s, 30m or 2h (default 1h, at most 12h)
  --data DIR        data folder (PHIGUARD_DATA_DIR; default ./.data)

Example:
  curl -H "Authorization: Bearer $(npx phi-guard dev-token --sub alice --role admin)" \\
       http://127.0.0.1:8080/v1/me
`;

export const devTokenCommand: Command = {
  name: 'dev-token',
  summary: 'Print a short-lived token for a service in dev mode (serve --dev)',
  usage: USAGE,
  async run(args, io) {
    const options = parseDevTokenArgs(args);
    const key = await loadDevKey(options.dataDir);
    const token = await signDevToken(key, { ...options, now: new Date() });
    await write(io.stdout, `${token}\n`);
    return EXIT.ok;
  },
};

function parseDevTokenArgs(args: readonly string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        sub: { type: 'string' },
        role: { type: 'string', multiple: true },
        email: { type: 'string' },
        ttl: { type: 'string' },
        data: { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.sub === undefined || values.sub.trim() === '') throw new UsageError('--sub USER is required');
  const roles: Role[] = (values.role ?? ['user']).map((role) => {
    const parsed = RoleSchema.safeParse(role);
    if (!parsed.success) throw new UsageError(`--role must be one of ${RoleSchema.options.join(', ')}`);
    return parsed.data;
  });
  const dataDir = resolve(values.data ?? (process.env.PHIGUARD_DATA_DIR?.trim() || '.data'));
  return {
    sub: values.sub,
    roles,
    ...(values.email === undefined ? {} : { email: values.email }),
    ttlSeconds: values.ttl === undefined ? DEV_TOKEN_DEFAULT_TTL_SECONDS : parseDuration(values.ttl),
    dataDir,
  };
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** `90`, `90s`, `30m`, `2h` in seconds, within the dev token limits. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smh]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's']! : Number.NaN;
  if (!(seconds >= 1 && seconds <= DEV_TOKEN_MAX_TTL_SECONDS)) {
    throw new UsageError(`--ttl takes a duration such as 90s, 30m or 2h, at most ${DEV_TOKEN_MAX_TTL_SECONDS / 3600}h`);
  }
  return seconds;
}
