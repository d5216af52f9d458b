import { EXIT, UsageError, internalError, write, type Command, type CommandIo, type ExitCode } from './command.js';

const HELP_FLAGS: ReadonlySet<string> = new Set(['--help', '-h']);

/**
 * Runs the command named by the leading words of argv. Handles --help, unknown commands and
 * usage errors; any other failure is reported by error name only, since a message may quote input.
 */
export async function dispatch(commands: readonly Command[], argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [first] = argv;
  if (first === undefined) {
    await write(io.stderr, overview(commands));
    return EXIT.usage;
  }
  if (first === 'help' || HELP_FLAGS.has(first)) {
    await write(io.stdout, overview(commands));
    return EXIT.ok;
  }
  const command = find(commands, argv);
  if (!command) {
    await write(io.stderr, `phi-guard: unknown command '${first}'.\n\n${overview(commands)}`);
    return EXIT.usage;
  }
  const args = argv.slice(words(command).length);
  if (wantsHelp(args)) {
    await write(io.stdout, command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      await write(io.stderr, `phi-guard ${command.name}: ${error.message}\nRun 'phi-guard ${command.name} --help' for usage.\n`);
      return EXIT.usage;
    }
    await write(io.stderr, `phi-guard ${command.name}: ${internalError(error)}.\n`);
    return EXIT.failed;
  }
}

/** The command whose name is the longest run of leading argv words. */
function find(commands: readonly Command[], argv: readonly string[]): Command | undefined {
  return commands
    .filter((c) => words(c).every((word, i) => argv[i] === word))
    .sort((a, b) => words(b).length - words(a).length)[0];
}

function words(command: Command): string[] {
  return command.name.split(' ');
}

/** --help before any `--` end-of-options marker. */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => HELP_FLAGS.has(arg));
}

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const rows = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: phi-guard <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    "Run 'phi-guard <command> --help' for a command's options.",
    '',
  ].join('\n');
}
