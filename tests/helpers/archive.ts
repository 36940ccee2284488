/**
 * Archive fixtures on a real PostgreSQL (tests/helpers/postgres.ts): a migrated database
 * per test, login roles the way a force creates them (docs/archive.md), and a station
 * journal written by the real Journal class.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { addStation } from '../../electron/archive/enrol';
import { ArchiveShipper } from '../../electron/archive/shipper';
import { migrateArchive } from '../../electron/archive/migrate';
import { ImageStore } from '../../electron/core/journal/images';
import { Journal } from '../../electron/core/journal/journal';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import type { TestPostgres } from './postgres';

let counter = 0;

/**
 * Everything under a station's data folder shipped to the archive by the station's own
 * shipper, started, drained and stopped; its status once drained (each test says what it
 * expects of it).
 */
export async function shipAll(root: string, url: string): Promise<ReturnType<ArchiveShipper['status']>> {
  const shipper = new ArchiveShipper({ url, root });
  shipper.start();
  try {
    return await shipper.drain();
  } finally {
    await shipper.stop();
  }
}

export interface TestArchive {
  ownerUrl: string;
  /** The login of station `station-A` (enrolled with a fresh key; see enrolStation for others). */
  stationUrl: string;
  /** station-A's signer, whose key is the enrolled one. */
  stationSigner: Signer;
  readerUrl: string;
  verifierUrl: string;
  retentionUrl: string;
  db: string;
  url(login: string, pw: string): string;
}

/** A fresh database, migrated by the owner, with one login role per group role. */
export async function createTestArchive(
  server: TestPostgres,
  prefix = 'archive',
  stationSigner: Signer = createEphemeralSigner('station-A'),
): Promise<TestArchive> {
  const db = `${prefix}_${process.pid}_${++counter}`;
  const ownerUrl = await server.createDatabase(db);
  await migrateArchive(ownerUrl);
  // Roles are per cluster; the logins are made once per cluster and reused by every database.
  for (const [login, group] of [
    ['auditor', 'lfr_reader'],
    ['verifier', 'lfr_verifier'],
    ['purger', 'lfr_retention'],
  ] as const) {
    await server.query(
      `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${login}') THEN CREATE ROLE ${login} LOGIN PASSWORD 'pw' IN ROLE ${group}; END IF; END $$;`,
    );
  }
  const base = { db, ownerUrl, url: (login: string, pw: string) => server.url(db, login, pw) };
  return {
    ...base,
    stationSigner,
    stationUrl: await enrolStation(base, stationSigner),
    readerUrl: server.url(db, 'auditor', 'pw'),
    verifierUrl: server.url(db, 'verifier', 'pw'),
    retentionUrl: server.url(db, 'purger', 'pw'),
  };
}

/** A login name and password for a station not enrolled yet (logins are per cluster: unique names). */
export function reserveStationLogin(archive: { db: string; url(login: string, pw: string): string }): {
  login: string;
  password: string;
  url: string;
} {
  const login = `st_${archive.db}_${++counter}`.toLowerCase().slice(0, 63);
  const password = `station-password-${counter}`;
  return { login, password, url: archive.url(login, password) };
}

/**
 * Enrols a station the way `npm run archive -- add-station` does (its key, a login of its
 * own) and gives that login's URL.
 */
export async function enrolStation(
  archive: { db: string; ownerUrl: string; url(login: string, pw: string): string },
  signer: Pick<Signer, 'stationId' | 'publicKey'>,
  reserved = reserveStationLogin(archive),
): Promise<string> {
  await addStation(archive.ownerUrl, {
    stationId: signer.stationId,
    publicKey: signer.publicKey,
    login: reserved.login,
    label: signer.stationId,
    password: reserved.password,
  });
  return reserved.url;
}

/** The station id and key a journal's journal-opened names (a station made its own key). */
export function journalIdentity(file: string): { stationId: string; publicKey: string } {
  const first = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as {
    data: { stationId: string; publicKey: string };
  };
  return { stationId: first.data.stationId, publicKey: first.data.publicKey };
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A journal under `<root>/deployments/<id>/` written by the station's own Journal class. */
export async function openStationJournal(
  root: string,
  deploymentId: string,
  signer: Signer = createEphemeralSigner(),
) {
  const { journal } = await Journal.open({
    file: join(root, 'deployments', deploymentId, 'journal.jsonl'),
    deploymentId,
    signer,
    appVersion: 'test',
  });
  return { journal, signer };
}

export interface AlertPlan {
  decision?: 'engage' | 'no-engage';
  reasons?: string[];
  result?: 'confirmed-true' | 'confirmed-false' | 'not-located';
  action?: 'arrest' | 'advice' | 'no-further-action';
  stopMinutes?: number;
}

export interface DeploymentPlan {
  deploymentId: string;
  startsAt: string;
  place: string;
  watchlistSize: number;
  /** faces per tally period, one period each on cam-1. */
  tallies: number[];
  alerts: AlertPlan[];
  /** Leave the journal open (no closing checkpoint after the last unsigned entries). */
  leaveOpen?: boolean;
  /** A supervisor put the deployment under legal hold. */
  legalHold?: boolean;
  /** A practice deployment (deployment.training). */
  training?: boolean;
}

const officer = { id: 'PC1', name: 'PC One' };

/** Random bytes stored as an image the way the station stores one (named by its SHA-256). */
/** A random image put in the deployment's image store as a station stores one, and its reference. */
export async function storedImage(root: string, deploymentId: string) {
  const bytes = randomBytes(40);
  const { sha256 } = await new ImageStore(join(root, 'deployments', deploymentId, 'images')).put(bytes);
  return { sha256, mime: 'image/jpeg', width: 8, height: 8, bytes: bytes.byteLength };
}

/** Writes a whole deployment's journal for one station, as the station's writer would. */
export async function writeDeploymentJournal(
  root: string,
  signer: Signer,
  plan: DeploymentPlan,
  alertPrefix = 'al',
) {
  const { journal } = await openStationJournal(root, plan.deploymentId, signer);
  const t0 = Date.parse(plan.startsAt);
  await journal.append('deployment', null, {
    v: 1,
    deploymentId: plan.deploymentId,
    title: `Deployment ${plan.deploymentId}`,
    purpose: 'Locate people wanted for serious offences.',
    intelligenceRef: 'INT/1',
    location: { name: plan.place },
    authorisedBy: { id: 'SUPT-1', name: 'A Superintendent', rank: 'Superintendent' },
    authorisedAt: new Date(t0 - 86_400_000).toISOString(),
    startsAt: plan.startsAt,
    endsAt: new Date(t0 + 8 * 3600_000).toISOString(),
    threshold: 0.64,
    algorithm: { name: 'FaceMatch', version: '4' },
    watchlist: {
      version: 'WL-1',
      size: plan.watchlistSize,
      reviewedAt: new Date(t0 - 3600_000).toISOString(),
      reviewedBy: 'Insp. R',
    },
    notice: { given: true, channels: ['signage'] },
    dpiaRef: 'DPIA-1',
    cameras: [{ id: 'cam-1', label: 'Cam 1' }],
    ...(plan.training ? { training: true } : {}),
  });
  await journal.append('operator-signed-in', officer, { role: 'officer', method: 'local' });
  for (const [i, faces] of plan.tallies.entries())
    await journal.append('tally', null, {
      deploymentId: plan.deploymentId,
      cameraId: 'cam-1',
      from: new Date(t0 + i * 60_000).toISOString(),
      to: new Date(t0 + (i + 1) * 60_000).toISOString(),
      faces,
    });
  for (const [i, a] of plan.alerts.entries()) {
    const alertId = `${alertPrefix}-${plan.deploymentId}-${i}`;
    await journal.append('alert-received', null, {
      alertId,
      seq: i + 1,
      deploymentId: plan.deploymentId,
      capturedAt: new Date(t0 + i * 1000).toISOString(),
      camera: { id: 'cam-1', label: 'Cam 1' },
      score: 0.7,
      threshold: 0.6,
      probe: await storedImage(root, plan.deploymentId),
      subject: {
        entryId: `w-${i}`,
        category: 'wanted',
        tier: 'amber',
        reason: 'r',
        image: await storedImage(root, plan.deploymentId),
      },
    });
    if (a.decision)
      await journal.append('decision', officer, {
        alertId,
        deploymentId: plan.deploymentId,
        revision: 1,
        decision: a.decision,
        reasons: a.reasons ?? ['other'],
        rationale: 'seen',
        operator: officer,
        shownAt: new Date(t0).toISOString(),
        decidedAt: new Date(t0 + 5000).toISOString(),
        evidence: { probeSha256: '0'.repeat(64), subjectSha256: '0'.repeat(64), score: 0.7, threshold: 0.6 },
      });
    if (a.result)
      await journal.append('outcome', officer, {
        alertId,
        deploymentId: plan.deploymentId,
        revision: 1,
        result: a.result,
        ...(a.action ? { action: a.action } : {}),
        ...(a.stopMinutes !== undefined ? { stopMinutes: a.stopMinutes } : {}),
        notes: '',
        recordedBy: officer,
        recordedAt: new Date(t0 + 60_000).toISOString(),
      });
  }
  if (plan.legalHold)
    await journal.append(
      'legal-hold',
      { id: 'S1', name: 'Sgt S' },
      { active: true, reason: 'complaint received' },
    );
  if (plan.leaveOpen) {
    await journal.append('tally', null, {
      deploymentId: plan.deploymentId,
      cameraId: 'cam-2',
      from: new Date(t0).toISOString(),
      to: new Date(t0 + 1000).toISOString(),
      faces: 0,
    });
    return journal;
  }
  await journal.close();
  return journal;
}

/**
 * A command line with every archive URL that holds a password moved into a 0600 file
 * (`--archive` → `--archive-file`), as a force runs it: a password on the command line is
 * refused (any local user can read argv).
 */
export function withSecretFiles(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if ((arg === '--archive' || arg === '--archive-reader') && next && /\/\/[^/@:]+:[^@]+@/.test(next)) {
      const dir = mkdtempSync(join(tmpdir(), 'rs-secret-'));
      const file = join(dir, 'url');
      writeFileSync(file, `${next}\n`, { mode: 0o600 });
      out.push(`${arg}-file`, file);
      i += 1;
    } else out.push(arg);
  }
  return out;
}
