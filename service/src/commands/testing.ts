import { Readable, Writable } from 'node:stream';
import type { CommandIo, Output } from './command.js';

export interface TestIo {
  readonly io: CommandIo;
  stdout(): string;
  stderr(): string;
}

/** In-memory stdin/stdout/stderr for running a command in-process. */
export function createTestIo(options: { stdin?: string; tty?: boolean } = {}): TestIo {
  const stdout = capture(options.tty ?? false);
  const stderr = capture(false);
  return {
    io: { stdin: Readable.from([options.stdin ?? '']), stdout: stdout.stream, stderr: stderr.stream },
    stdout: stdout.text,
    stderr: stderr.text,
  };
}

function capture(tty: boolean): { stream: Output; text: () => string } {
  const chunks: string[] = [];
  const stream: Output = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    { isTTY: tty },
  );
  return { stream, text: () => chunks.join('') };
}
