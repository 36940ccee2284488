/**
 * Archive fixtures on a real PostgreSQL (tests/helpers/postgres.ts): a migrated database
 * per test, login roles the way a force creates them (docs/archive.md), and a station
 * journal written by the real Journal class.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { migrateArchive } from '../../electron/archive/migrate';
import { ImageStore } from '../../electron/core/journal/images';
import { Journal } from '../../electron/core/journal/journal';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import type { TestPostgres } from './postgres';

let counter = 0;

export interface TestArchive {
  ownerUrl: string;
  stationUrl: string;
  readerUrl: string;
  retentionUrl: string;
  db: string;
}

/** A fresh database, migrated by the owner, with one login role per group role. */
export async function createTestArchive(server: TestPostgres, prefix = 'archive'): Promise<TestArchive> {
  const db = `${prefix}_${process.pid}_${++counter}`;
  const ownerUrl = await server.createDatabase(db);
  await migrateArchive(ownerUrl);
  // Roles are per cluster; the logins are made once per cluster and reused by every database.
  for (const [login, group] of [
    ['station_a', 'lfr_station'],
    ['auditor', 'lfr_reader'],
    ['purger', 'lfr_retention'],
  ] as const) {
    await server.query(
      `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${login}') THEN CREATE ROLE ${login} LOGIN PASSWORD 'pw' IN ROLE ${group}; END IF; END $$;`,
    );
  }
  return {
    db,
    ownerUrl,
    stationUrl: server.url(db, 'station_a', 'pw'),
    readerUrl: server.url(db, 'auditor', 'pw'),
    retentionUrl: server.url(db, 'purger', 'pw'),
  };
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
}

const officer = { id: 'PC1', name: 'PC One' };

/** Random bytes stored as an image the way the station stores one (named by its SHA-256). */
async function storedImage(root: string, deploymentId: string) {
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
