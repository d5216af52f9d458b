import { adminAddLocalCommand, adminUnlockCommand } from './commands/admin.js';
import { auditVerifyCommand } from './commands/audit.js';
import type { Command } from './commands/command.js';
import { dispatch } from './commands/dispatch.js';
import { checkCommand } from './commands/check.js';
import { devTokenCommand } from './commands/dev-token.js';
import { gmailDlpCommand } from './commands/gmail-dlp.js';
import { policyCheckCommand } from './commands/policy.js';
import { portalRotateKeyCommand } from './commands/portal.js';
import { scanCommand } from './commands/scan.js';
import { serveCommand } from './commands/serve.js';

/** Every `phi-guard` command. Adding one is an import and an entry here. */
const commands: readonly Command[] = [
  scanCommand, checkCommand, policyCheckCommand, serveCommand, devTokenCommand, auditVerifyCommand, portalRotateKeyCommand, gmailDlpCommand,
  adminAddLocalCommand, adminUnlockCommand,
];

// A reader that stops early (`phi-guard scan … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await dispatch(commands, process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
