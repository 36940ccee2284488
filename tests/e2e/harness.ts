/**
 * End-to-end harness: the real station core in browser mode (a child process, as a
 * user runs it) and Debian's Chromium driven by playwright-core. A missing browser
 * fails loudly with how to install it; it never skips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { addAccounts, passwordFor, type TestPerson } from '../helpers/accounts';
import { testKeyDir } from '../helpers/station';
import { waitFor } from '../integration/util';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The end-to-end suite needs a real browser: ` +
        "install Debian's with `apt-get install chromium`, or set CHROMIUM_PATH to a Chromium/Chrome executable.",
    );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface StationProcess {
  url: string;
  origin: string;
  dataDir: string;
  child: ChildProcess;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The people the suites sign in as. On a real feed (`--feed`) sign-in needs a credential,
 * so each is a station account (password: passwordFor(id)) made before the station starts.
 */
export const E2E_ACCOUNTS: TestPerson[] = [
  { id: 'PC 4521', name: 'Alex Morgan', role: 'officer' },
  { id: 'PC 2211', name: 'Dana Wells', role: 'officer' },
  { id: 'PC 300', name: 'Robin Hale', role: 'officer' },
  { id: 'PC 4410', name: 'Riley Shaw', role: 'officer' },
  { id: 'PC 5120', name: 'Dev Amin', role: 'officer' },
  { id: 'INSP 9', name: 'Morgan Lee', role: 'supervisor' },
  { id: 'PS 310', name: 'Morgan Hale', role: 'supervisor' },
];

/** Start `electron/cli/web.ts` and wait for its `ready: <url>` line. */
export async function startStation(
  args: string[],
  dataDir = mkdtempSync(join(tmpdir(), 'rs-e2e-')),
): Promise<StationProcess> {
  if (args.includes('--feed')) await addAccounts(dataDir, E2E_ACCOUNTS);
  // The key folder beside the data folder (the same at a restart), never the real home's.
  const keyDir = args.includes('--key-dir') ? [] : ['--key-dir', testKeyDir(dataDir)];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/cli/web.ts', '--data', dataDir, ...keyDir, ...args],
    {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LFR_FEED_TOKEN: '' },
    },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`station did not print ready: within 60 s\n${err}`)),
      60_000,
    );
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^ready: (\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`station exited (${code}) before ready\n${err}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    child,
    stderr: () => err,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

/**
 * Sign in as the screen asks: on a real feed with the account's password (the role comes
 * from the account), on the training feed with the typed name (and the default role).
 */
export async function signIn(page: Page, id = 'PC 4521', name = 'Alex Morgan'): Promise<void> {
  await page.getByLabel('Officer ID').fill(id);
  const password = page.getByLabel('Password', { exact: true });
  if ((await password.count()) > 0) await password.fill(passwordFor(id));
  else await page.getByLabel('Officer name').fill(name);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * A new page (a new browser connection) is a new client of the station's session: when
 * the page that signed in has closed, the session is locked and the officer proves it is
 * them to take it up on this page (issue 21 item 2). Unlock it as the lock screen asks.
 */
export async function unlockOnNewPage(page: Page, id = 'PC 4521'): Promise<void> {
  const locked = page.getByRole('dialog', { name: 'Station locked' });
  const signInForm = page.getByLabel('Officer ID');
  await locked.or(signInForm).first().waitFor({ timeout: 30_000 });
  // Nobody signed in yet (the first page): nothing to take up.
  if ((await locked.count()) === 0) return;
  const password = locked.getByLabel('Password', { exact: true });
  if ((await password.count()) > 0) {
    await password.fill(passwordFor(id));
    await locked.getByRole('button', { name: 'Unlock' }).click();
  } else await locked.getByRole('button', { name: 'Unlock (training)' }).click();
  await locked.waitFor({ state: 'detached', timeout: 30_000 });
}

/**
 * axe-core's serious and critical violations on the page as it stands. The page's
 * context needs `bypassCSP: true` so the axe script can be injected.
 */
export async function seriousAxeViolations(page: Page) {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The crash drills' feed: seeded, no scenes, and a short ack timeout so a killed station's alerts are re-sent soon. */
/**
 * The feed of the crash drills. It waits 30 s for an answer: the station decodes each new
 * image in full before it answers, and on a busy machine the first answers of a 200-alert
 * burst can take several seconds; a feed that gave up sooner would drop those answers and
 * the drill would measure the machine, not what a crash loses. The kill still lands
 * mid-burst, and whatever was not answered is re-delivered on the next connection.
 */
export function startCrashFeed(token: string, seed: number) {
  return TrainingFeedServer.start({ rate: 0, token, scenes: false, ackTimeoutMs: 30_000, seed });
}

/**
 * Emits a burst of `size` alerts at once; resolves, with the burst's answers, once 60 of
 * them are stored. `atSixtieth` runs the moment the 60th `stored` arrives, to kill the
 * station there (a poll would wait while the station, acknowledging a group commit at a
 * time, stores the rest).
 */
export async function burstUntil60Stored(server: TrainingFeedServer, atSixtieth?: () => void, size = 200) {
  let stored = 0;
  server.on('ack', (_r, ack) => {
    if (ack.status === 'stored' && ++stored === 60) atSixtieth?.();
  });
  const burst = Array.from({ length: size }, () => server.emitAlert({ reuseImages: true }));
  await waitFor(() => stored >= 60, '60 alerts stored', 120_000);
  return burst;
}

/** A fresh page at desktop size (1440×900) in its own context, opened at `url`. */
export async function openDesktopPage(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(url);
  return page;
}
