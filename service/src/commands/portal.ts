import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreatePortalKeyring, PORTAL_KEYS_FILE } from '../portal/keyring.js';
import { PortalError } from '../portal/model.js';
import { EXIT, UsageError, write, type Command } from './command.js';

const USAGE = `Usage:
  phi-guard portal rotate-key [--data DIR]

Adds a new key-encryption key to the data folder's ${PORTAL_KEYS_FILE} and makes
it the active one; prints its id. Earlier keys stay, so messages wrapped under
them still open. Running services pick the new key up when they restart; every
replica must use the same file.

Options:
  --data DIR   data folder (PHIGUARD_DATA_DIR; default ./.data)

Exit status: 0 when the key was added, 1 when the key file is missing or
unreadable, 2 for a bad command line.
`;

export const portalRotateKeyCommand: Command = {
  name: 'portal rotate-key',
  summary: 'Add a new active key-encryption key for secure-portal messages',
  usage: USAGE,
  async run(args, io) {
    const dataDir = parseRotateArgs(args);
    const path = join(dataDir, PORTAL_KEYS_FILE);
    try {
      // Rotating a folder that has no keyring yet is almost surely the wrong folder.
      await access(path);
    } catch {
      await write(io.stderr, `phi-guard portal rotate-key: no ${PORTAL_KEYS_FILE} in ${dataDir}; the service creates it on first start.\n`);
      return EXIT.failed;
    }
    let kid: string;
    try {
      kid = await (await loadOrCreatePortalKeyring(dataDir)).rotate();
    } catch (error) {
      if (!(error instanceof PortalError)) throw error;
      await write(io.stderr, `phi-guard portal rotate-key: ${error.message} (${error.code}).\n`);
      return EXIT.failed;
    }
    await write(io.stdout, `${kid}\n`);
    return EXIT.ok;
  },
};

function parseRotateArgs(args: readonly string[]): string {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: { data: { type: 'string' } }, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return resolve(values.data ?? (process.env.PHIGUARD_DATA_DIR?.trim() || '.data'));
}
