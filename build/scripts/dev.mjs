// `npm run dev [-- web options]`: rebuilds the renderer on every change (vite build --watch)
// and runs the browser-mode station under `tsx watch`, which restarts it when the core or
// shared code changes. Reload the page to see a renderer change. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const children = [];

function run(label, command, args) {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${label}] ${line}\n`)
      .join('');
  child.stdout.on('data', (d) => process.stdout.write(prefix(d)));
  child.stderr.on('data', (d) => process.stderr.write(prefix(d)));
  child.on('exit', (code, signal) => {
    process.stderr.write(`[${label}] exited (${signal ?? code})\n`);
    stop(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('renderer', bin('vite'), ['build', '--watch', '--config', 'renderer/vite.config.ts']);
run('station', bin('tsx'), [
  'watch',
  '--clear-screen=false',
  'electron/cli/web.ts',
  ...process.argv.slice(2),
]);
