/**
 * Secrets off the command line (issue 21.7): any local user can read another's argv (ps,
 * /proc/<pid>/cmdline), so a feed token or an archive URL with a password comes from the
 * environment or from a file only its owner can read. A file is refused unless it is a
 * regular file owned by this user with no group or other permissions (0600 or 0400).
 */
import { readFileSync, statSync } from 'node:fs';

export class SecretFileError extends Error {}

/** The first line of a secret file, checked for its owner and mode. */
export function readSecretFile(path: string, what: string): string {
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    throw new SecretFileError(
      `${what}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (!info.isFile()) throw new SecretFileError(`${what}: ${path} is not a file`);
  if ((info.mode & 0o077) !== 0)
    throw new SecretFileError(
      `${what}: ${path} can be read by others (mode ${(info.mode & 0o777).toString(8)}); chmod 600 ${path}`,
    );
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid)
    throw new SecretFileError(`${what}: ${path} belongs to another user; a secret file must be your own`);
  const value = readFileSync(path, 'utf8').split(/\r?\n/)[0]!.trim();
  if (value === '') throw new SecretFileError(`${what}: ${path} is empty`);
  return value;
}

/** True when a postgres URL carries a password (in its user part or as ?password=). */
export function urlHasPassword(value: string): boolean {
  try {
    const url = new URL(value);
    return url.password !== '' || url.searchParams.has('password');
  } catch {
    return /\/\/[^/@:]+:[^@]+@/.test(value);
  }
}

/** The refusal for a password on the command line, with where to put it instead. */
export function passwordInArgvAdvice(option: string, env: string, fileOption: string): string {
  return (
    `${option} has a password in it, and any local user can read a command line; ` +
    `put the URL in ${env} or in a file only you can read (chmod 600) and pass ${fileOption} <file>`
  );
}
