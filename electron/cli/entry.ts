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

/** Runs `main` with the process's arguments and streams; an unexpected throw exits 2. */
export function runCli(moduleUrl: string, name: string, main: CliMain): void {
  if (!isEntryPoint(moduleUrl)) return;
  main(process.argv.slice(2), process.stdout, process.stderr).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
