/**
 * Browser mode's export download (issue 14 item 9): a supervisor gets the CSV as an
 * attachment from a real station core behind the real web server, journalled before it
 * is handed over; an officer, a request without the page's Origin, and a request naming
 * a path are refused and nothing is journalled for them.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { EXPORT_DOWNLOAD_PATH, startWebServer } from '../../electron/transport/web-server';
import { addAccounts, passwordFor } from '../helpers/accounts';
import { bridgeClient, closeAfterEach, startTestCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'feed-token';
const OFFICER = { id: 'PC 4410', name: 'Riley Shaw', role: 'officer' as const };
const SUPERVISOR = { id: 'PS 900', name: 'Morgan Hale', role: 'supervisor' as const };

const cleanup = closeAfterEach();

async function setUp() {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  await addAccounts(dataDir, [OFFICER, SUPERVISOR]);
  mkdirSync(join(dataDir, 'station'), { recursive: true });
  const core = await startTestCore({
    dataDir,
    feedUrl: server.url,
    token: TOKEN,
    log: () => undefined,
  });
  cleanup.push(() => core.close());
  const web = await startWebServer({ core, rendererDir: mkdtempSync(join(tmpdir(), 'renderer-')) });
  cleanup.push(() => web.close());
  // A client of the bridge as the page's script would be.
  const { call, close, key } = await bridgeClient(web.origin, web.token);
  cleanup.push(close);
  await waitFor(async () => (await call('getSnapshot')).deployment, 'deployment');
  const deploymentId = server.deployment.deploymentId;
  const download = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${web.origin}${EXPORT_DOWNLOAD_PATH}`, {
      method: 'POST',
      headers: {
        Origin: web.origin,
        'X-Station-Key': key,
        'Content-Type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const signIn = (p: { id: string }) =>
    call('signIn', { method: 'local', id: p.id, password: passwordFor(p.id) });
  const exports = () => readJournal(journalFile(dataDir, deploymentId)).filter((e) => e.type === 'export');
  const otherPage = async () => {
    const other = await bridgeClient(web.origin, web.token);
    cleanup.push(other.close);
    return other.key;
  };
  return { key: `station:${deploymentId}`, deploymentId, download, signIn, call, exports, otherPage };
}

describe('browser-mode export download', () => {
  it('gives a supervisor the CSV as an attachment, journalled before it is handed over', async () => {
    const t = await setUp();
    expect(await t.signIn(SUPERVISOR)).toMatchObject({ ok: true });
    const res = await t.download({ key: t.key, kind: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(
      new RegExp(`^attachment; filename="${t.deploymentId}-\\d{8}-\\d{6}-(GMT|BST)\\.csv"$`),
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    const stationCopy = decodeURIComponent(res.headers.get('x-export-path') ?? '');
    expect(bytes.equals(readFileSync(stationCopy))).toBe(true);
    expect(bytes.toString('utf8').split('\n')[0]).toMatch(/^\ufeffrecord,alertId,/);
    const recorded = t.exports();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.actor).toEqual({ id: SUPERVISOR.id, name: SUPERVISOR.name });
    expect(recorded[0]!.data).toMatchObject({ kind: 'csv', bytes: bytes.length });
  });

  it('refuses an officer, another origin, no key, another page’s key and a request naming a path, journalling nothing', async () => {
    const t = await setUp();
    expect(await t.signIn(OFFICER)).toMatchObject({ ok: true });
    const officer = await t.download({ key: t.key, kind: 'csv' });
    expect(officer.status).toBe(403);
    expect(officer.headers.get('content-disposition')).toBeNull();
    expect(((await officer.json()) as { error: string }).error).toMatch(/supervisor/);

    await t.call('signOut', {});
    expect(await t.signIn(SUPERVISOR)).toMatchObject({ ok: true });
    expect((await t.download({ key: t.key, kind: 'csv' }, { Origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect((await t.download({ key: t.key, kind: 'csv' }, { 'X-Station-Key': '' })).status).toBe(403);
    expect(
      (await t.download({ key: t.key, kind: 'csv' }, { 'X-Station-Key': await t.otherPage() })).status,
    ).toBe(403);
    expect((await t.download({ key: t.key, kind: 'csv', path: '/etc/passwd' })).status).toBe(400);
    expect((await t.download({ key: t.key, kind: 'csv' }, { 'Content-Type': 'text/plain' })).status).toBe(
      415,
    );
    expect(t.exports()).toHaveLength(0);
  });
});
