import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/** A stream a command prints to. Terminals (node:tty) also say whether they show colours. */
export type Output = Writable & { readonly isTTY?: boolean; hasColors?(): boolean };

/** Everything a command touches, passed in so tests run commands in-process. */
export interface CommandIo {
  readonly stdin: Readable;
  readonly stdout: Output;
  readonly stderr: Output;
}

/** One `phi-guard` subcommand. Register it in cli.ts. */
export interface Command {
  /** The words that select it: 'scan', or 'policy check' for a nested command. */
  readonly name: string;
  /** One line for `phi-guard --help`. */
  readonly summary: string;
  /** The full text for `phi-guard <name> --help`. */
  readonly usage: string;
  /** Receives the arguments after the name; resolves to the exit code. */
  run(args: readonly string[], io: CommandIo): Promise<ExitCode>;
}

export const EXIT = {
  ok: 0,
  /** Some input could not be read or scanned; the rest was. */
  failed: 1,
  /** The command line itself was wrong. */
  usage: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown by a command for a bad command line; the dispatcher prints it and points at --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes and waits for the stream to drain, so a large output never piles up in memory. */
export async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Colour only on a terminal that wants it (node:tty honours NO_COLOR and FORCE_COLOR). */
export function usesColor(out: Output): boolean {
  return out.isTTY === true && (out.hasColors?.() ?? true);
}

/** Names an unexpected error by its name and code only: error messages can quote draft text. */
export function internalError(error: unknown): string {
  if (!(error instanceof Error)) return `internal error (${typeof error})`;
  const code = (error as NodeJS.ErrnoException).code;
  return `internal error (${typeof code === 'string' ? `${error.name} ${code}` : error.name})`;
}
