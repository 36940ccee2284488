/**
 * Browser mode: `npm run web`. The station core in Node, the renderer served on
 * 127.0.0.1 with a per-run token; prints `ready: <url>` on stdout, logs on stderr.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../core/paths';
import { defaultKeyDir } from '../core/key-dir';
import { startStationCore } from '../core/station-core';
import { trainingFeedStarter } from '../simulator/worker-host';
import { APP_VERSION } from '../core/version';
import { startWebServer } from '../transport/web-server';
import { parseOptions, USAGE, type StationOptions, accessOptionsOf, storageOptionsOf } from './options';
import { archivePortsOf } from '../archive/station-link';

const RENDERER_DIR = resolve(fileURLToPath(import.meta.url), '../../../dist/renderer');

export async function runBrowserMode(options: StationOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const dataDir = resolve(options.data ?? defaultDataDir());
  const core = await startStationCore({
    dataDir,
    keyDir: resolve(options.keyDir ?? defaultKeyDir(dataDir)),
    feedUrl: options.feed,
    token: options.token,
    mode: 'browser',
    appVersion: APP_VERSION,
    drills: options.drills,
    rate: options.rate,
    ...archivePortsOf(options),
    ...accessOptionsOf(options),
    ...storageOptionsOf(options),
    trainingFeed: trainingFeedStarter(fileURLToPath(new URL('../simulator/worker.ts', import.meta.url))),
    log,
  });
  const web = await startWebServer({
    core,
    rendererDir: RENDERER_DIR,
    port: options.port ?? 0,
    log,
    sso: core.sso,
  });
  if (core.trainingFeedUrl) log(`training feed on ${core.trainingFeedUrl} (no --feed given)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping: closing journals');
    await web.close();
    await core.close();
    process.exit(0);
  };
  // Before "ready": whoever starts the station may stop it the moment it reads that line,
  // and a signal before the handler would end it without closing its journals.
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdout.write(`ready: ${web.url}\n`);
}

export function exitWithUsage(error: string): never {
  process.stderr.write(`error: ${error}\n${USAGE}\n`);
  process.exit(2);
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const parsed = parseOptions(process.argv.slice(2));
  if (!parsed.ok) exitWithUsage(parsed.error);
  if (parsed.options.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  runBrowserMode(parsed.options).catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
