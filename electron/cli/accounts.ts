/**
 * npm run accounts -- add <officerId> --name "<name>" --role officer|supervisor [--data <dir>]
 *                     list | disable <officerId> | enable <officerId> | reset <officerId>   [--data <dir>]
 * Station accounts in <data>/accounts.json. A password is read from standard input (one
 * line) when it is not a terminal, and prompted for without echo otherwise; it is never
 * taken from the command line, where it would land in shell history and `ps`.
 * Exit 0 done, 1 refused (the account store said no), 2 usage or read error.
 */
import { resolve } from 'node:path';
import { AccountStore, ROLES, type AccountSummary, type Role } from '../core/auth/account-store';
import { defaultDataDir } from '../core/paths';
import { ukDateTime } from '../../shared/uk-time';
import { argsOrExit, runCli, type Output } from './entry';

export const USAGE = [
  'usage: npm run accounts -- add <officerId> --name "<name>" --role officer|supervisor [--data <dir>]',
  '       npm run accounts -- list [--data <dir>]',
  '       npm run accounts -- disable|enable|reset <officerId> [--data <dir>]',
  'A password is read from standard input (one line) or, at a terminal, prompted for without echo.',
].join('\n');

const COMMANDS = ['add', 'list', 'disable', 'enable', 'reset'] as const;
type Command = (typeof COMMANDS)[number];

interface Parsed {
  command: Command;
  officerId: string | null;
  name: string | null;
  role: Role | null;
  data: string;
}

/** Reads one password: `prompt` is shown only at a terminal. */
export type PasswordReader = (prompt: string) => Promise<string>;

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Parsed | { help: true } | { error: string } {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') return { help: true };
  if (!(COMMANDS as readonly string[]).includes(command)) return { error: `unknown command "${command}"` };
  const parsed: Parsed = { command: command as Command, officerId: null, name: null, role: null, data: '' };
  let data: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const option = /^--(name|role|data)(?:=(.*))?$/.exec(arg);
    if (option) {
      const value = option[2] ?? rest[++i];
      if (value === undefined || value === '') return { error: `--${option[1]} needs a value` };
      if (option[1] === 'name') parsed.name = value;
      else if (option[1] === 'data') data = value;
      else if ((ROLES as readonly string[]).includes(value)) parsed.role = value as Role;
      else return { error: `--role is officer or supervisor, not "${value}"` };
    } else if (arg.startsWith('-')) return { error: `unknown option ${arg}` };
    else if (parsed.officerId === null && command !== 'list') parsed.officerId = arg;
    else return { error: `unexpected argument "${arg}"` };
  }
  if (command !== 'list' && parsed.officerId === null) return { error: `${command} needs an officer ID` };
  if (command === 'add' && (parsed.name === null || parsed.role === null))
    return { error: 'add needs --name "<name>" and --role officer|supervisor' };
  if (command !== 'add' && (parsed.name !== null || parsed.role !== null))
    return { error: `--name and --role are for add only` };
  parsed.data = resolve(data ?? defaultDataDir(env));
  return parsed;
}

function line(a: AccountSummary): string {
  const state = a.disabled
    ? 'disabled'
    : a.lockedUntil
      ? `locked until ${ukDateTime(a.lockedUntil)}`
      : 'active';
  return `${a.officerId}\t${a.role}\t${state}\t${a.name}`;
}

export async function main(
  argv: string[],
  out: Output,
  err: Output,
  readPassword: PasswordReader = readPasswordFromStdin,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const start = argsOrExit(parseArgs(argv, env), 'accounts', USAGE, out, err);
  if ('exit' in start) return start.exit;
  const parsed = start.args;
  const store = new AccountStore(parsed.data);
  const id = parsed.officerId ?? '';
  try {
    switch (parsed.command) {
      case 'list': {
        const accounts = await store.list();
        if (accounts.length === 0) out.write(`no accounts in ${store.file}\n`);
        for (const a of accounts) out.write(`${line(a)}\n`);
        return 0;
      }
      case 'add': {
        const password = await readPassword(`Password for ${id}: `);
        const added = await store.add({ officerId: id, name: parsed.name!, role: parsed.role!, password });
        out.write(`added ${added.officerId} (${added.role}) to ${store.file}\n`);
        return 0;
      }
      case 'reset': {
        const password = await readPassword(`New password for ${id}: `);
        await store.reset(id, password);
        out.write(`reset ${id}: new password set, lockout cleared\n`);
        return 0;
      }
      case 'disable':
        await store.disable(id);
        out.write(`disabled ${id}\n`);
        return 0;
      case 'enable':
        await store.enable(id);
        out.write(`enabled ${id}\n`);
        return 0;
    }
  } catch (error) {
    err.write(`accounts: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** One line from a pipe, or a prompt without echo at a terminal. */
export function readPasswordFromStdin(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return new Promise((resolvePassword, reject) => {
      let buffered = '';
      const done = (value: string | null) => {
        stdin.off('data', onData);
        stdin.off('end', onEnd);
        stdin.pause();
        if (value === null) reject(new Error('no password on standard input'));
        else resolvePassword(value);
      };
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const end = buffered.search(/\r?\n/);
        if (end >= 0) done(buffered.slice(0, end));
        else if (buffered.length > 4096) done(null);
      };
      const onEnd = () => done(buffered.length > 0 ? buffered : null);
      stdin.on('data', onData);
      stdin.on('end', onEnd);
    });
  }
  return new Promise((resolvePassword, reject) => {
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const finish = (error: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolvePassword(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003') return finish(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

runCli(import.meta.url, 'accounts', (argv, out, err) => main(argv, out, err));
