/** Running a CLI module when it is the script Node was started with (and not when a test imports it). */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/** Where a CLI writes: process.stdout and stderr, or a test's collector. */
export interface Output {
  write(text: string): unknown;
}

export type CliMain = (argv: string[], out: Output, err: Output) => Promise<number>;

/**
 * Standard output whose reader may leave early (`npm run report -- … | head -1`): the
 * lines after that are dropped, and the command still finishes what it was asked to do
 * (files written, verdicts recorded) and exits with its own code. Node's default is to
 * die of the unhandled EPIPE, part way through, with a stack trace.
 */
export function leavableOutput(stream: NodeJS.WritableStream & { writable: boolean }): Output {
  let gone = false;
  stream.on('error', () => {
    gone = true;
  });
  return { write: (text: string) => !gone && stream.writable && stream.write(text) };
}

/** Runs `main` with the process's arguments and streams; an unexpected throw exits 2. */
export function runCli(moduleUrl: string, name: string, main: CliMain): void {
  if (!isEntryPoint(moduleUrl)) return;
  main(process.argv.slice(2), leavableOutput(process.stdout), process.stderr).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

/** What a CLI's argument parser gives back: the arguments, or a request for help, or a usage error. */
export type ParsedCli<T> = T | { help: true } | { error: string };

/**
 * The common start of a CLI's `main`: help prints the usage and exits 0; a usage error is
 * said as `<name>: <error>` with the usage, exit 2. Otherwise the arguments, to run.
 */
export function argsOrExit<T extends object>(
  parsed: ParsedCli<T>,
  name: string,
  usage: string,
  out: Output,
  err: Output,
): { args: T } | { exit: number } {
  if ('help' in parsed) {
    out.write(`${usage}\n`);
    return { exit: 0 };
  }
  if ('error' in parsed) return { exit: usageError(name, usage, err)(parsed.error) };
  return { args: parsed };
}

/** A usage error after parsing: `<name>: <message>` and the usage on stderr; gives exit code 2. */
export function usageError(name: string, usage: string, err: Output): (message: string) => number {
  return (message) => {
    err.write(`${name}: ${message}\n${usage}\n`);
    return 2;
  };
}
