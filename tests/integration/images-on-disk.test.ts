/**
 * Issue 28 item 2: "stored" is checked on disk. A stored image deleted under the running
 * station, or its whole images folder, does not let an alert be acknowledged without its
 * files: the file is written again from the alert in hand, the folder made again, and the
 * journal verifies.
 */
import { existsSync } from 'node:fs';
import { rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as verifyMain } from '../../electron/cli/verify';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { capture } from '../helpers/cli';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const cleanup = closeAfterEach();

interface Received {
  probe: { sha256: string };
  subject: { image: { sha256: string } };
}

describe('images checked on disk before an alert is acknowledged', () => {
  it('writes a deleted image again and makes a deleted images folder again; verify passes', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, token: 't', scenes: false });
    cleanup.push(() => server.close());
    const dataDir = tempDir();
    const { snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: 't' });
    await waitFor(() => snapshot()?.deployment, 'connected');
    const id = server.deployment.deploymentId;
    const file = journalFile(dataDir, id);
    const imagesDir = join(dataDir, 'deployments', id, 'images');
    const received = () =>
      readJournal(file)
        .filter((e) => e.type === 'alert-received')
        .map((e) => e.data as unknown as Received);

    const first = await server.emitAlert();
    expect(first.ack).toBe('stored');
    const subject = received()[0]!.subject.image.sha256;
    // The watchlist face is deleted; the next alert for the same person brings it again.
    await unlink(join(imagesDir, subject));
    const second = await server.emitAlert({ entryId: first.payload.subject.entryId });
    expect(second.ack).toBe('stored');
    expect(received()[1]!.subject.image.sha256).toBe(subject);
    expect(existsSync(join(imagesDir, subject))).toBe(true);
    expect((await verifyJournal(file)).ok).toBe(true);

    // The whole folder goes: the next alert is stored only with its files, in a folder made again.
    await rm(imagesDir, { recursive: true });
    const third = await server.emitAlert({ entryId: first.payload.subject.entryId });
    expect(third.ack).toBe('stored');
    const last = received()[2]!;
    for (const sha of [last.probe.sha256, last.subject.image.sha256])
      expect(existsSync(join(imagesDir, sha))).toBe(true);
  });

  it('journals the images lost with their folder when it goes, and `npm run verify` then exits 0 reporting them', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, token: 't', scenes: false });
    cleanup.push(() => server.close());
    const dataDir = tempDir();
    const { core, snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: 't' });
    await waitFor(() => snapshot()?.deployment, 'connected');
    const id = server.deployment.deploymentId;
    const file = journalFile(dataDir, id);
    const imagesDir = join(dataDir, 'deployments', id, 'images');
    for (let n = 0; n < 3; n++) expect((await server.emitAlert()).ack).toBe('stored');
    const named = readJournal(file)
      .filter((e) => e.type === 'alert-received')
      .flatMap((e) => {
        const d = e.data as unknown as Received;
        return [d.probe.sha256, d.subject.image.sha256];
      });

    // The whole folder goes while the station runs and no alert comes: the loss is found
    // and journalled then (not at the next alert), and the folder is made again.
    await rm(imagesDir, { recursive: true });
    const loss = await waitFor(
      () => readJournal(file).find((e) => e.type === 'retention-purge'),
      'the loss on the record',
      10_000,
    );
    expect(loss.data).toMatchObject({ reason: 'lost' });
    expect([...(loss.data as { images: string[] }).images].sort()).toEqual([...new Set(named)].sort());
    expect(existsSync(imagesDir)).toBe(true);
    // Not purged under retention: the screen still tries the images (and says it cannot show them).
    expect(snapshot()!.alerts.every((a) => a.probe.url !== null)).toBe(true);

    expect((await server.emitAlert()).ack).toBe('stored');
    await core.close();
    const out = capture();
    const err = capture();
    expect(await verifyMain([file], out, err)).toBe(0);
    expect(out.text).toMatch(/^verified/);
    expect(out.text).toContain(`${new Set(named).size} lost while the station ran, journalled then`);
    const report = await verifyJournal(file);
    expect(report.images.missing).toEqual([]);
    expect(report.images.lost).toHaveLength(new Set(named).size);
  });
});
