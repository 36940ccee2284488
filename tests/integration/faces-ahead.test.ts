/**
 * Issue 25: a lone arriving alert's faces are sent to the screens (`facesAhead`, with their
 * bytes) as soon as they are hashed, while the station decodes them in full and writes them
 * and the journal line, so a screen decodes them beside the fsyncs. What must not change:
 * nothing is shown or acknowledged before the images and the line are on disk and the images
 * decoded; an alert refused for a face that does not decode never reaches the screen; a burst
 * sends nothing; a screen nobody is signed in to is sent nothing. Real station core, real
 * files, a real Socket.IO feed for the screen's side.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestOf } from '../../electron/core/feed/alert-content';
import { createEphemeralSigner } from '../../electron/core/identity';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import {
  createScenario,
  makeAlert,
  makeDeployment,
  type ScenarioContext,
} from '../../electron/simulator/scenario';
import type { FacesAhead } from '../../shared/contract';
import type { Alert, StationAck } from '../../shared/feed/schemas';
import type { ScreenChange } from '../../shared/screen';
import { closeStationsAfterEach, loadTestStation } from '../helpers/loaded-station';
import { holdImages } from '../helpers/held-images';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { tempDir, waitFor } from './util';

const signer = createEphemeralSigner();
const { stations, roots } = closeStationsAfterEach();
const cleanup = closeAfterEach();

async function deploymentStation() {
  const root = tempDir('rs-ahead-');
  roots.push(root);
  const station = await loadTestStation(stations, { root, signer });
  const deployment = makeDeployment({ seed: 31 });
  await station.handleDeployment(deployment);
  const scenario = createScenario({ seed: 31, deployment });
  const slot = station.slots.get(deployment.deploymentId)!;
  const said: FacesAhead[] = [];
  station.on('facesAhead', (e: FacesAhead) => said.push(e));
  const imageFile = (sha256: string) => join(root, 'deployments', deployment.deploymentId, 'images', sha256);
  return { station, slot, scenario, said, imageFile, deploymentId: deployment.deploymentId };
}

const sha = (image: { data: Uint8Array }) => digestOf(image.data).sha256;
const sent = (image: { mime: string; data: Uint8Array }, url: string) => ({
  url,
  mime: image.mime,
  base64: Buffer.from(image.data).toString('base64'),
});

describe('faces ahead of an arriving alert', () => {
  it('sends the faces while they are written; shows and acknowledges nothing before they are on disk', async () => {
    const { station, slot, scenario, said, imageFile, deploymentId } = await deploymentStation();
    const held = holdImages(slot.images, { skipWrite: true });
    const alert: Alert = makeAlert(scenario);
    let ack: StationAck | null = null;
    const done = station.handleAlert(alert).then((a) => (ack = a));

    await waitFor(() => said.length > 0, 'the faces sent');
    const [probe, subject] = [sha(alert.probe), sha(alert.subject.image)];
    // Both faces, byte for byte, by the URLs the alert will name them; the scene is not a face.
    expect(said).toEqual([
      {
        faces: [
          sent(alert.probe, `/images/${deploymentId}/${probe}`),
          sent(alert.subject.image, `/images/${deploymentId}/${subject}`),
        ],
      },
    ]);
    // Sent before anything is on disk; the alert itself is nowhere a screen could see it, and the feed has no answer.
    expect(existsSync(imageFile(probe))).toBe(false);
    expect(station.snapshot().alerts.map((a) => a.alertId)).not.toContain(alert.alertId);
    expect(ack).toBeNull();

    held.release();
    await done;
    expect(ack).toEqual({ status: 'stored' });
    expect(existsSync(imageFile(probe))).toBe(true);
    expect(station.snapshot().alerts.map((a) => a.alertId)).toContain(alert.alertId);
  });

  it('an alert refused because a face does not decode never reaches the screen, though its faces were sent', async () => {
    const { station, scenario, said } = await deploymentStation();
    const changes: ScreenChange[] = [];
    station.on('change', (c: ScreenChange) => changes.push(c));
    const alert = makeAlert(scenario);
    alert.subject.image = {
      ...alert.subject.image,
      data: alert.subject.image.data.subarray(0, alert.subject.image.data.length >> 1),
    };
    expect((await station.handleAlert(alert)).status).toBe('rejected');
    expect(said).toHaveLength(1);
    station.schedulePush();
    await waitFor(() => changes.some((c) => c.kind === 'status'), 'a push');
    expect(changes.filter((c) => c.kind !== 'status')).toEqual([]);
    expect(station.snapshot().alerts.map((a) => a.alertId)).not.toContain(alert.alertId);
    // The next lone alert is sent too: the refusal did not leave the station thinking it is in a burst.
    const next = makeAlert(scenario);
    expect(await station.handleAlert(next)).toEqual({ status: 'stored' });
    expect(said).toHaveLength(2);
  });

  it('sends nothing for the alerts of a burst', async () => {
    const { station, scenario, said } = await deploymentStation();
    // One alone first: sent.
    expect(await station.handleAlert(makeAlert(scenario))).toEqual({ status: 'stored' });
    expect(said).toHaveLength(1);
    said.length = 0;
    const burst = Array.from({ length: 12 }, () => makeAlert(scenario));
    const acks = await Promise.all(burst.map((a) => station.handleAlert(a)));
    expect(acks.every((a) => a.status === 'stored')).toBe(true);
    expect(said).toEqual([]);
  });
});

describe('faces ahead through the core', () => {
  it('go only to a screen somebody is signed in to, and match what the alert then names', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, token: 't' });
    cleanup.push(() => server.close());
    const dataDir = tempDir();
    const { core, snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: 't' });
    await waitFor(() => snapshot()?.deployment, 'connected');
    const said: FacesAhead[] = [];
    core.onEvent('facesAhead', (e) => said.push(e));
    const scenario = (server as unknown as { scenario: ScenarioContext }).scenario;

    // Nobody signed in: stored, and no faces sent to the screen.
    expect(await server.emitRaw('alert', makeAlert(scenario))).toEqual({ status: 'stored' });
    expect(said).toEqual([]);

    await signInWithAccount(core, dataDir, { id: 'PC 101', name: 'Sam Patel', role: 'officer' });
    const alert = makeAlert(scenario);
    expect(await server.emitRaw('alert', alert)).toEqual({ status: 'stored' });
    expect(said).toHaveLength(1);
    await waitFor(() => snapshot()?.alerts.some((a) => a.alertId === alert.alertId), 'the alert on screen');
    const shown = snapshot()!.alerts.find((a) => a.alertId === alert.alertId)!;
    expect(said[0]!.faces.map((f) => f.url)).toEqual([shown.probe.url, shown.subject.image.url]);
    // The stored files are the bytes that were sent.
    for (const face of said[0]!.faces) {
      const [, , deploymentId, hash] = face.url.split('/');
      expect(Buffer.from(core.readImage(deploymentId!, hash!)!).toString('base64')).toBe(face.base64);
    }
  });
});
