import { passwordInArgvAdvice, readSecretFile, SecretFileError, urlHasPassword } from './secret-file';
/** Option parsing shared by the archive's command lines: `--name value` or `--name=value`, each at most once. */
export type ArgSpec = Record<string, 'value' | 'flag'>;
export type ParsedArgs =
  { values: Record<string, string>; flags: Set<string> } | { error: string } | { help: true };

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) return { error: `unexpected argument "${arg}"` };
    const name = match[1]!;
    const kind = spec[name];
    if (!kind) return { error: `unknown option --${name}` };
    if (kind === 'flag') {
      if (match[2] !== undefined) return { error: `--${name} takes no value` };
      flags.add(name);
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--')))
      return { error: `--${name} needs a value` };
    if (values[name] !== undefined) return { error: `--${name} given twice` };
    values[name] = value;
  }
  return { values, flags };
}

/**
 * The archive URL of a command: `--<name>` (refused when it carries a password: a command
 * line is readable by every local user), `--<name>-file` (0600, read by readSecretFile), or
 * the environment variable. Null when none is given.
 */
export function archiveUrlOf(
  values: Record<string, string>,
  env: Record<string, string | undefined>,
  name = 'archive',
  envName = 'LFR_ARCHIVE_URL',
): { url: string | null } | { error: string } {
  const given = values[name];
  const file = values[`${name}-file`];
  if (given !== undefined && file !== undefined) return { error: `--${name} and --${name}-file: give one` };
  if (given !== undefined) {
    if (urlHasPassword(given)) return { error: passwordInArgvAdvice(`--${name}`, envName, `--${name}-file`) };
    return { url: given };
  }
  if (file !== undefined) {
    try {
      return { url: readSecretFile(file, `--${name}-file`) };
    } catch (error) {
      if (error instanceof SecretFileError) return { error: error.message };
      throw error;
    }
  }
  return { url: env[envName] ?? null };
}
