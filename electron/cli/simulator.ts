/**
 * The training feed on the command line:
 *   npm run simulator -- --port <n> [--rate <alerts/min>] [--drill <name>[,<name>]] [--token <t>] [--seed <n>] [--stations <n>]
 */
import { parseArgs } from 'node:util';
import { FEED_NAMESPACE } from '../../shared/feed/schemas';
import { DRILL_NAMES, isDrillName, type DrillName } from '../simulator/drills';
import { TrainingFeedServer } from '../simulator/feed-server';

const USAGE =
  'usage: npm run simulator -- --port <n> [--rate <alerts/min>] [--drill <name>[,<name>]] [--token <t>] [--seed <n>] [--stations <n>]\n' +
  '  --stations <n>: one practice deployment shared by n stations (2..12), coordinated with claims\n' +
  `drills: ${DRILL_NAMES.join(', ')}`;

class UsageError extends Error {}

interface SimulatorArgs {
  port: number;
  rate: number;
  drills: DrillName[];
  token: string;
  seed: number;
  /** 1: one station decides every alert; more: a shared deployment with claims. */
  stations: number;
}

function integer(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function parseSimulatorArgs(argv: string[]): SimulatorArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        rate: { type: 'string' },
        drill: { type: 'string', multiple: true },
        token: { type: 'string' },
        seed: { type: 'string' },
        stations: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) throw new UsageError('');
  if (values.port === undefined) throw new UsageError('--port is required (0 picks a free port)');
  const port = integer('port', values.port, 0, 65535);
  let rate = 4;
  if (values.rate !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(values.rate))
      throw new UsageError(`--rate must be a number of alerts per minute, got "${values.rate}"`);
    rate = Number(values.rate);
  }
  const drills: DrillName[] = [];
  for (const name of (values.drill ?? []).flatMap((d) => d.split(',')).map((d) => d.trim())) {
    if (!isDrillName(name)) throw new UsageError(`unknown drill "${name}"`);
    if (!drills.includes(name)) drills.push(name);
  }
  if (values.token !== undefined && values.token.length === 0)
    throw new UsageError('--token must not be empty');
  const seed = values.seed === undefined ? 1 : integer('seed', values.seed, 0, 2 ** 32 - 1);
  const stations = values.stations === undefined ? 1 : integer('stations', values.stations, 1, 12);
  return { port, rate, drills, token: values.token ?? 'training', seed, stations };
}

/** How to start the room: one station per seat, each with its own data folder and port. */
function printRoom(url: string, args: SimulatorArgs): void {
  process.stdout.write(
    `shared deployment with claims for ${args.stations} stations; start each seat with:\n`,
  );
  for (let seat = 1; seat <= args.stations; seat += 1)
    process.stdout.write(
      `  seat ${seat}: npm run web -- --feed ${url} --token ${args.token} --data ./room/seat-${seat} --port ${5170 + seat}\n`,
    );
}

async function main(): Promise<void> {
  let args: SimulatorArgs;
  try {
    args = parseSimulatorArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`simulator: ${error.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      process.exit(error.message ? 2 : 0);
    }
    throw error;
  }
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const server = await TrainingFeedServer.start({
    port: args.port,
    rate: args.rate,
    drill: args.drills,
    token: args.token,
    seed: args.seed,
    log,
    prewarmScenes: 8,
    claims: args.stations > 1,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    const s = server.imageStats;
    if (s.probes) {
      log(
        `images: ${s.probes} probes (${(s.msProbe / s.probes).toFixed(0)} ms each), ${s.references} references, ${s.scenes} scenes rendered`,
      );
    }
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`simulator: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  // Before "listening": whoever starts the feed may stop it the moment it reads that line.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.stdout.write(`listening: ${server.url}${FEED_NAMESPACE}\n`);
  const d = server.deployment;
  log(
    `deployment ${d.deploymentId}: ${d.title}; threshold ${d.threshold}; ${d.cameras.length} cameras; ${d.watchlist.size} watchlist entries`,
  );
  if (args.drills.length) log(`drills: ${args.drills.join(', ')}`);
  if (args.stations > 1) printRoom(server.url, args);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
