/**
 * Issue 25 item 1 on the real station core and real files: an alert's journal line and its
 * image files are written side by side, and nothing is acknowledged or shown before both
 * are on disk. The image store is held at its last step (the files' folder fsync, here a
 * put that has not resolved), so the test can look at the station in between:
 *  - the journal line is already on disk (the two waits overlap), yet the alert is in no
 *    snapshot, no screen change and no lookup, and the feed has no answer;
 *  - a crash in that window (the data folder copied as it stands on disk) leaves a journalled
 *    alert without its image: the restarted station journals it as lost, the journal
 *    verifies (and a second start does not list it again), and the feed's re-delivery is
 *    `stored` and writes the image back.
 */
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestOf } from '../../electron/core/feed/alert-content';
import { createEphemeralSigner } from '../../electron/core/identity';
import { verifyJournal } from '../../electron/core/journal/verify';
import type { Station } from '../../electron/core/station';
import { createScenario, makeAlert, makeDeployment } from '../../electron/simulator/scenario';
import type { Alert, StationAck } from '../../shared/feed/schemas';
import type { ScreenChange } from '../../shared/screen';
import { journalFile, readJournal, tempDir, waitFor } from './util';
import { closeStationsAfterEach, loadTestStation } from '../helpers/loaded-station';
import { holdImages } from '../helpers/held-images';

const signer = createEphemeralSigner();
const { stations, roots } = closeStationsAfterEach();

async function startStation(root: string): Promise<Station> {
  return loadTestStation(stations, { root, signer });
}

async function deploymentStation(root: string) {
  const station = await startStation(root);
  const deployment = makeDeployment({ seed: 25 });
  await station.handleDeployment(deployment);
  const scenario = createScenario({ seed: 25, deployment });
  const slot = station.slots.get(deployment.deploymentId)!;
  return { station, slot, file: journalFile(root, deployment.deploymentId), scenario };
}

const receivedIds = (file: string) =>
  readJournal(file)
    .filter((e) => e.type === 'alert-received')
    .map((e) => (e.data as { alertId: string }).alertId);

/** Watches an ack without awaiting it. */
function watchAck(work: Promise<StationAck>) {
  const seen: { ack: StationAck | null; error: unknown } = { ack: null, error: null };
  const done = work.then(
    (ack) => (seen.ack = ack),
    (error: unknown) => (seen.error = error),
  );
  return { seen, done };
}

describe('an alert’s journal line and images written side by side', () => {
  it('shows and acknowledges nothing until the images are durable, though the line is already on disk', async () => {
    const root = tempDir('rs-overlap-');
    roots.push(root);
    const { station, slot, file, scenario } = await deploymentStation(root);
    const changes: ScreenChange[] = [];
    station.on('change', (c: ScreenChange) => changes.push(c));
    const held = holdImages(slot.images);
    const alert: Alert = makeAlert(scenario, { scene: false });

    const { seen, done } = watchAck(station.handleAlert(alert));
    // The line is written while the images are still held: the two waits overlap.
    await waitFor(() => receivedIds(file).includes(alert.alertId), 'alert-received on disk');
    // Something else makes the screen push meanwhile: the alert is still not in it.
    const alertChanges = () => changes.filter((c) => c.kind !== 'status');
    expect(alertChanges()).toEqual([]);
    changes.length = 0;
    station.schedulePush();
    await waitFor(() => changes.some((c) => c.kind === 'status'), 'a push');
    expect(alertChanges()).toEqual([]);
    expect(station.snapshot().alerts.map((a) => a.alertId)).not.toContain(alert.alertId);
    expect(station.slotOfAlert(alert.alertId)).toBeUndefined();
    expect(slot.state.alerts.has(alert.alertId)).toBe(false);
    expect(seen).toEqual({ ack: null, error: null });

    held.release();
    await done;
    expect(seen.ack).toEqual({ status: 'stored' });
    expect(station.snapshot().alerts.map((a) => a.alertId)).toContain(alert.alertId);
    await waitFor(
      () => changes.some((c) => c.kind === 'alert-added' && c.alert.alertId === alert.alertId),
      'the alert pushed to the screen',
    );
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('takes a withdrawal that arrives while the alert is still being stored, once it is', async () => {
    const root = tempDir('rs-overlap-');
    roots.push(root);
    const { station, slot, file, scenario } = await deploymentStation(root);
    const held = holdImages(slot.images);
    const alert = makeAlert(scenario, { scene: false });
    const { seen, done } = watchAck(station.handleAlert(alert));
    await waitFor(() => receivedIds(file).includes(alert.alertId), 'alert-received on disk');
    const withdrawn = watchAck(
      station.handleWithdrawn({ v: 1, alertId: alert.alertId, reason: 'camera fault' }),
    );
    held.release();
    await Promise.all([done, withdrawn.done]);
    expect(seen.ack).toEqual({ status: 'stored' });
    expect(withdrawn.seen.ack).toEqual({ status: 'stored' });
    expect(slot.state.alerts.get(alert.alertId)?.status).toBe('withdrawn');
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('repairs a crash between the line and the images: loss journalled at start, verify passes, re-delivery writes the image back', async () => {
    const root = tempDir('rs-overlap-');
    const crashed = tempDir('rs-overlap-crashed-');
    roots.push(root, crashed);
    const { station, slot, file, scenario } = await deploymentStation(root);
    // Stored and shown before the crash: its images must not be listed as lost.
    const earlier = makeAlert(scenario, { scene: false });
    expect(await station.handleAlert(earlier)).toEqual({ status: 'stored' });
    const held = holdImages(slot.images, { skipWrite: true });
    const alert = makeAlert(scenario, { scene: false });
    const { seen, done } = watchAck(station.handleAlert(alert));
    await waitFor(() => receivedIds(file).includes(alert.alertId), 'alert-received on disk');
    // The crash: the disk as it stands now, the line written, the image files not.
    cpSync(root, crashed, { recursive: true });
    const id = slot.state.deploymentId;
    const probe = join(crashed, 'deployments', id, 'images', digestOf(alert.probe.data).sha256);
    held.fail(new Error('EIO: the disk went away'));
    await done;
    // The first station was never able to acknowledge it.
    expect(seen.ack).toBeNull();
    expect(seen.error).toBeTruthy();
    // It journals the loss itself, so its own journal verifies too.
    expect((await verifyJournal(file)).ok).toBe(true);
    held.restore();

    const crashedFile = journalFile(crashed, id);
    expect(existsSync(probe)).toBe(false);
    expect((await verifyJournal(crashedFile)).ok).toBe(false);
    const restarted = await startStation(crashed);
    const lost = readJournal(crashedFile).filter(
      (e) => e.type === 'retention-purge' && (e.data as { reason?: string }).reason === 'lost',
    );
    expect(lost).toHaveLength(1);
    const listed = (lost[0]!.data as { images: string[] }).images;
    expect(listed).toContain(probe.split('/').at(-1));
    const earlierProbe = digestOf(earlier.probe.data).sha256;
    expect(listed).not.toContain(earlierProbe);
    expect((await verifyJournal(crashedFile)).ok).toBe(true);

    // Started again before any re-delivery: the loss is on the record already, not listed twice.
    await restarted.close();
    const again = await startStation(crashed);
    const lostNow = readJournal(crashedFile).filter(
      (e) => e.type === 'retention-purge' && (e.data as { reason?: string }).reason === 'lost',
    );
    expect(lostNow).toHaveLength(1);

    // The feed re-delivers what was never acknowledged: stored, and the image is back.
    expect(await again.handleAlert(alert)).toEqual({ status: 'stored' });
    expect(existsSync(probe)).toBe(true);
    expect(receivedIds(crashedFile).filter((a) => a === alert.alertId)).toHaveLength(1);
    expect((await verifyJournal(crashedFile)).ok).toBe(true);
  });
});
