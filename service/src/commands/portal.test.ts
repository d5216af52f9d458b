import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreatePortalKeyring, PORTAL_KEYS_FILE } from '../portal/keyring.js';
import { UsageError } from './command.js';
import { portalRotateKeyCommand } from './portal.js';
import { createTestIo } from './testing.js';

async function run(args: string[]) {
  const { io, stdout, stderr } = createTestIo();
  const exitCode = await portalRotateKeyCommand.run(args, io);
  return { exitCode, stdout: stdout(), stderr: stderr() };
}

const freshDir = () => mkdtemp(join(tmpdir(), 'phi-guard-portal-cmd-'));

describe('phi-guard portal rotate-key', () => {
  it('adds a key, prints its id, which becomes the active key while the old one stays', async () => {
    const dataDir = await freshDir();
    const before = await loadOrCreatePortalKeyring(dataDir);
    const { exitCode, stdout, stderr } = await run(['--data', dataDir]);
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    const kid = stdout.trim();
    expect(stdout).toBe(`${kid}\n`);
    const after = await loadOrCreatePortalKeyring(dataDir);
    expect(after.activeKid).toBe(kid);
    expect(kid).not.toBe(before.activeKid);
    expect(Buffer.from(after.kek(before.activeKid))).toEqual(Buffer.from(before.kek(before.activeKid)));
  });

  it('refuses a folder without a keyring (exit 1) rather than creating one', async () => {
    const dataDir = await freshDir();
    const { exitCode, stdout, stderr } = await run(['--data', dataDir]);
    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`no ${PORTAL_KEYS_FILE} in ${dataDir}`);
  });

  it('reports an unreadable key file by code (exit 1), never its content', async () => {
    const dataDir = await freshDir();
    await writeFile(join(dataDir, PORTAL_KEYS_FILE), '{"keys": "c2VjcmV0"}');
    const { exitCode, stderr } = await run(['--data', dataDir]);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('(keyring_invalid)');
    expect(stderr).not.toContain('c2VjcmV0');
  });

  it('refuses unknown options', async () => {
    await expect(run(['--dir', 'x'])).rejects.toThrow(UsageError);
  });
});
