import { describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { createDevVerifier, loadDevKey } from '../auth/dev-issuer.js';
import { createRoleMap } from '../auth/roles.js';
import { createTokenVerifier } from '../auth/token-verifier.js';
import { UsageError } from './command.js';
import { devTokenCommand, parseDuration } from './dev-token.js';
import { createTestIo } from './testing.js';

async function run(args: string[]) {
  const { io, stdout, stderr } = createTestIo();
  const exitCode = await devTokenCommand.run(args, io);
  return { exitCode, stdout: stdout(), stderr: stderr() };
}

describe('phi-guard dev-token', () => {
  it('prints one token, signed by the data folder key, that the dev issuer accepts with its roles', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'phi-guard-devtoken-')), 'data');
    const { exitCode, stdout, stderr } = await run(['--data', dataDir, '--sub', 'alice', '--role', 'admin', '--role', 'auditor', '--email', 'alice@dev.local', '--ttl', '30m']);
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = stdout.trim();
    const claims = decodeJwt(token);
    expect(claims.exp! - claims.iat!).toBe(1800);
    const key = await loadDevKey(dataDir);
    const verifier = createTokenVerifier([
      createDevVerifier({ publicJwk: key.publicJwk, clock: { now: () => new Date() }, roles: createRoleMap({ admin: [], auditor: [] }) }),
    ]);
    await expect(verifier.verify(token)).resolves.toEqual({ sub: 'alice', email: 'alice@dev.local', roles: ['user', 'admin', 'auditor'], issuer: 'dev' });
  });

  it('defaults to a one-hour user token', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-devtoken-'));
    const claims = decodeJwt((await run(['--data', dataDir, '--sub', 'bob'])).stdout.trim());
    expect(claims).toMatchObject({ sub: 'bob', roles: ['user'] });
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it.each([
    ['no subject', ['--role', 'admin'], '--sub USER is required'],
    ['an unknown role', ['--sub', 'a', '--role', 'root'], '--role must be one of user, admin, auditor'],
    ['a lifetime over 12h', ['--sub', 'a', '--ttl', '13h'], '--ttl takes a duration such as 90s, 30m or 2h, at most 12h'],
    ['an unknown option', ['--sub', 'a', '--admin'], "Unknown option '--admin'"],
  ])('refuses %s', async (_title, args, message) => {
    await expect(run(args)).rejects.toThrow(UsageError);
    await expect(run(args)).rejects.toThrow(message);
  });

  it.each([
    ['90', 90],
    ['90s', 90],
    ['30m', 1800],
    ['2h', 7200],
    ['12h', 43_200],
  ])('reads the duration %s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([['0'], ['1d'], ['-5m'], ['1.5h'], ['soon']])('refuses the duration %s', (text) => {
    expect(() => parseDuration(text)).toThrow(UsageError);
  });
});
