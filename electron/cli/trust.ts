/**
 * npm run trust -- list                                   [--data <dir>] [--key-dir <dir>]
 *                  add <stationId> <publicKey> [label...]  [--data <dir>] [--key-dir <dir>]
 *                  add --file <trust file>                 [--data <dir>] [--key-dir <dir>]
 *                  remove <publicKey | fingerprint>        [--data <dir>] [--key-dir <dir>]
 *                  export [--out <file>]                   [--data <dir>] [--key-dir <dir>]
 *
 * The station's own key is read from its key folder (--key-dir, default as the station's:
 * core/key-dir.ts), or from the data folder of a station not yet started with one.
 *
 * The station's trust list (<data>/station/trust-list.txt, electron/core/trust-list.ts)
 * from the command line. `list` prints it as a trust file, each key with its
 * fingerprint in a comment; `export` writes this station's own line, for another
 * station's list or an auditor's `npm run verify -- --trust`. Keys enrolled here are not
 * journalled (there is no deployment to journal them in); a supervisor enrolling in the
 * station is. Exit 0 done, 1 refused, 2 usage or read error.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatTrustLine, readTrustFile, TrustFileError, type TrustEntry } from '../core/journal/trust';
import { defaultDataDir } from '../core/paths';
import { defaultKeyDir } from '../core/key-dir';
import { readOwnKey, TrustListError, TrustListStore } from '../core/trust-list';
import { argsOrExit, runCli, type Output } from './entry';

export const USAGE = [
  'usage: npm run trust -- list [--data <dir>]   (every command also takes --key-dir <dir>)',
  '       npm run trust -- add <stationId> <publicKey> [label] [--data <dir>]',
  '       npm run trust -- add --file <trust file> [--data <dir>]',
  '       npm run trust -- remove <publicKey | fingerprint> [--data <dir>]',
  '       npm run trust -- export [--out <file>] [--data <dir>]',
].join('\n');

const COMMANDS = ['list', 'add', 'remove', 'export'] as const;
type Command = (typeof COMMANDS)[number];

interface Parsed {
  command: Command;
  args: string[];
  data: string;
  keyDir: string;
  file: string | null;
  out: string | null;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Parsed | { help: true } | { error: string } {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') return { help: true };
  if (!(COMMANDS as readonly string[]).includes(command)) return { error: `unknown command "${command}"` };
  const options: Record<'data' | 'key-dir' | 'file' | 'out', string | null> = {
    data: null,
    'key-dir': null,
    file: null,
    out: null,
  };
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const option = /^--(data|key-dir|file|out)(?:=(.*))?$/.exec(arg);
    if (option) {
      const name = option[1] as keyof typeof options;
      const value = option[2] ?? rest[++i];
      if (value === undefined || value === '' || (option[2] === undefined && value.startsWith('--')))
        return { error: `--${name} needs a value` };
      options[name] = value;
    } else if (arg.startsWith('--')) return { error: `unknown option ${arg}` };
    else args.push(arg);
  }
  const data = resolve(options.data ?? defaultDataDir(env));
  const parsed: Parsed = {
    command: command as Command,
    args,
    data,
    keyDir: resolve(options['key-dir'] ?? defaultKeyDir(data, env)),
    file: options.file,
    out: options.out,
  };
  if (parsed.file !== null && command !== 'add') return { error: '--file is for add only' };
  if (parsed.out !== null && command !== 'export') return { error: '--out is for export only' };
  if ((command === 'list' || command === 'export') && args.length > 0)
    return { error: `unexpected argument "${args[0]}"` };
  if (command === 'remove' && args.length !== 1)
    return { error: 'remove needs one public key or fingerprint' };
  if (command === 'add' && parsed.file === null && args.length < 2)
    return { error: 'add needs <stationId> <publicKey> [label], or --file <trust file>' };
  if (command === 'add' && parsed.file !== null && args.length > 0)
    return { error: 'add takes either --file or <stationId> <publicKey> [label], not both' };
  return parsed;
}

function listing(store: TrustListStore): Promise<string> {
  return store
    .listing()
    .then((keys) =>
      keys
        .map(
          (k) => `# fingerprint ${k.fingerprint}${k.own ? ' (this station)' : ''}\n${formatTrustLine(k)}\n`,
        )
        .join(''),
    );
}

async function run(parsed: Parsed, out: Output): Promise<void> {
  const stationDir = join(parsed.data, 'station');
  // The key folder; a station not started since it had one still has it in the data folder.
  const own = (await readOwnKey(parsed.keyDir)) ?? (await readOwnKey(stationDir));
  const store = new TrustListStore(stationDir, own);
  switch (parsed.command) {
    case 'list':
      out.write(await listing(store));
      return;
    case 'export': {
      const line = `${store.ownLine()}\n`;
      if (parsed.out === null) out.write(line);
      else {
        await writeFile(parsed.out, line, { flag: 'wx' });
        out.write(`wrote this station's trust line to ${parsed.out}\n`);
      }
      return;
    }
    case 'remove': {
      const removed = await store.remove(parsed.args[0]!);
      if (removed.length === 0) throw new TrustListError(`no key ${parsed.args[0]} on the trust list`);
      for (const e of removed) out.write(`removed ${formatTrustLine(e)}\n`);
      return;
    }
    case 'add': {
      const wanted: TrustEntry[] =
        parsed.file !== null
          ? await readTrustFile(parsed.file)
          : [
              {
                stationId: parsed.args[0]!,
                publicKey: parsed.args[1]!,
                label: parsed.args.slice(2).join(' ') || null,
              },
            ];
      for (const entry of wanted) {
        const { entry: stored, added } = await store.add(entry);
        out.write(`${added ? 'added' : 'relabelled'} ${formatTrustLine(stored)}\n`);
      }
    }
  }
}

export async function main(
  argv: string[],
  out: Output,
  err: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const start = argsOrExit(parseArgs(argv, env), 'trust', USAGE, out, err);
  if ('exit' in start) return start.exit;
  const parsed = start.args;
  try {
    await run(parsed, out);
    return 0;
  } catch (error) {
    if (error instanceof TrustListError) {
      err.write(`trust: ${error.message}\n`);
      return 1;
    }
    if (error instanceof TrustFileError) {
      err.write(`trust: ${error.message}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    err.write(`trust: ${code ? `${code}: ` : ''}${(error as Error).message}\n`);
    return 2;
  }
}

runCli(import.meta.url, 'trust', main);
