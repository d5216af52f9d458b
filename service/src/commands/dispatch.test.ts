import { describe, expect, it } from '@jest/globals';
import { UsageError, write, type Command } from './command.js';
import { dispatch } from './dispatch.js';
import { createTestIo } from './testing.js';

function command(name: string, run: Command['run'] = async () => 0): Command {
  return { name, summary: `does ${name}`, usage: `Usage: phi-guard ${name}`, run };
}

const echo = command('scan', async (args, io) => {
  await write(io.stdout, `scan ${args.join(',')}\n`);
  return 0;
});
const nested = command('policy check', async (args, io) => {
  await write(io.stdout, `policy check ${args.join(',')}\n`);
  return 0;
});
const commands = [echo, command('policy'), nested];

describe('dispatch', () => {
  it('runs the command named by the leading words, passing it the remaining arguments', async () => {
    const { io, stdout } = createTestIo();
    expect(await dispatch(commands, ['scan', 'a.eml', '--jsonl'], io)).toBe(0);
    expect(stdout()).toBe('scan a.eml,--jsonl\n');
  });

  it('prefers the longest matching name, so nested commands sit beside their parent', async () => {
    const { io, stdout } = createTestIo();
    await dispatch(commands, ['policy', 'check', 'p.json'], io);
    expect(stdout()).toBe('policy check p.json\n');
  });

  it.each([['--help'], ['-h'], ['help']])('lists every command for %s', async (flag) => {
    const { io, stdout } = createTestIo();
    expect(await dispatch(commands, [flag], io)).toBe(0);
    expect(stdout()).toContain('Usage: phi-guard <command>');
    expect(stdout()).toMatch(/ {2}scan {10}does scan\n {2}policy {8}does policy\n {2}policy check {2}does policy check\n/);
  });

  it('prints a command usage for --help instead of running it', async () => {
    const { io, stdout } = createTestIo();
    expect(await dispatch(commands, ['scan', 'x.eml', '--help'], io)).toBe(0);
    expect(stdout()).toBe('Usage: phi-guard scan\n');
  });

  it('passes --help through to the command after the -- marker', async () => {
    const { io, stdout } = createTestIo();
    await dispatch(commands, ['scan', '--', '--help'], io);
    expect(stdout()).toBe('scan --,--help\n');
  });

  it.each([
    ['no command', []],
    ['an unknown command', ['scna']],
  ])('exits 2 with the command list on stderr for %s', async (_label, argv) => {
    const { io, stdout, stderr } = createTestIo();
    expect(await dispatch(commands, argv, io)).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('Commands:');
  });

  it('exits 2 for a usage error and points at the command help', async () => {
    const bad = command('scan', async () => {
      throw new UsageError('give one or more files');
    });
    const { io, stderr } = createTestIo();
    expect(await dispatch([bad], ['scan'], io)).toBe(2);
    expect(stderr()).toBe("phi-guard scan: give one or more files\nRun 'phi-guard scan --help' for usage.\n");
  });

  it('reports an unexpected failure by error name only, never its message or stack', async () => {
    const broken = command('scan', async () => {
      throw new TypeError('Cannot read "Jane Roe SSN 531-72-0846"');
    });
    const { io, stderr } = createTestIo();
    expect(await dispatch([broken], ['scan'], io)).toBe(1);
    expect(stderr()).toBe('phi-guard scan: internal error (TypeError).\n');
  });
});
