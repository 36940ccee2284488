/**
 * Issue 14 item 8 in the station core: openImageWindow and viewerFollow pass access
 * control like any request (signed-in); without Electron the image window is refused
 * plainly, and the main window's open alert goes out as a viewerFollow event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { ELECTRON_ONLY, type ViewerFollow } from '../../shared/contract';
import { addAccounts, passwordFor } from '../helpers/accounts';
import { startTestCore } from '../helpers/station';
import { tempDir } from './util';

const TOKEN = 'feed-token';
const OFFICER = { id: 'PC 4410', name: 'Riley Shaw', role: 'officer' as const };
const ALERT_ID = '7b0f5a52-3f4e-4c1a-9c57-1f2d3e4a5b6c';

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
  cleanup = [];
});

async function setUp(openImageWindow?: (alertId: string | null) => Promise<{ ok: true }>) {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  await addAccounts(dataDir, [OFFICER]);
  const core = await startTestCore({
    dataDir,
    feedUrl: server.url,
    token: TOKEN,
    ...(openImageWindow ? { openImageWindow } : {}),
  });
  cleanup.push(() => core.close());
  return core;
}

const signIn = { method: 'local' as const, id: OFFICER.id, password: passwordFor(OFFICER.id) };

describe('the image window through the station core', () => {
  it('needs a signed-in officer; in browser mode it says it is an Electron feature', async () => {
    const core = await setUp();
    expect(await core.services.openImageWindow({ alertId: null })).toMatchObject({ ok: false });
    expect(await core.services.openImageWindow({ alertId: null })).not.toEqual({
      ok: false,
      error: ELECTRON_ONLY,
    });
    expect(await core.services.signIn(signIn)).toMatchObject({ ok: true });
    expect(await core.services.openImageWindow({ alertId: ALERT_ID })).toEqual({
      ok: false,
      error: ELECTRON_ONLY,
    });
  });

  it("asks main to open it (Electron) and passes the main window's open alert on as an event", async () => {
    const opened: (string | null)[] = [];
    const core = await setUp(async (alertId) => {
      opened.push(alertId);
      return { ok: true };
    });
    const follows: ViewerFollow[] = [];
    core.onEvent('viewerFollow', (f) => follows.push(f));
    expect(await core.services.viewerFollow({ alertId: ALERT_ID })).toMatchObject({ ok: false });
    expect(follows).toEqual([]);
    expect(await core.services.signIn(signIn)).toMatchObject({ ok: true });
    expect(await core.services.openImageWindow({ alertId: ALERT_ID })).toEqual({ ok: true });
    expect(opened).toEqual([ALERT_ID]);
    expect(await core.services.viewerFollow({ alertId: ALERT_ID })).toEqual({ ok: true });
    expect(await core.services.viewerFollow({ alertId: null })).toEqual({ ok: true });
    expect(follows).toEqual([{ alertId: ALERT_ID }, { alertId: null }]);
  });
});
