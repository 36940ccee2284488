/**
 * Single sign-on through the station core and browser mode's callback route, against a
 * real OpenID provider: sign-in journals method, issuer, subject and the ID token's
 * hash; the two-person check takes the second officer's own sign-on (and refuses the
 * first officer's); after 5 minutes a legal hold needs a fresh sign-on by the same person.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { startWebServer } from '../../electron/transport/web-server';
import { PROVE_AGAIN } from '../../shared/contract';
import { REASON_CODES } from '../../shared/decision-rules';
import { signInAt, startTestProvider } from './oidc-provider';
import { closeAfterEach, startTestCore, writeStationSettings } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'feed-token';
const cleanup = closeAfterEach();

async function setUp() {
  const idp = await startTestProvider();
  cleanup.push(() => idp.close());
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  writeStationSettings(dataDir, { dwellMs: 0, twoPersonTiers: ['red', 'amber', 'green'] });
  let now = Date.now();
  const logs: string[] = [];
  const core = await startTestCore({
    dataDir,
    feedUrl: server.url,
    token: TOKEN,
    sso: { issuer: idp.issuer, clientId: idp.clientId },
    // Time passing: both clocks move together (a proof's freshness runs on the monotonic one).
    now: () => now,
    mono: () => now,
    log: (line) => logs.push(line),
  });
  cleanup.push(() => core.close());
  const web = await startWebServer({
    core,
    rendererDir: mkdtempSync(join(tmpdir(), 'renderer-')),
    sso: core.sso,
    log: (line) => logs.push(line),
  });
  cleanup.push(() => web.close());
  await waitFor(async () => (await core.services.getSnapshot({})).deployment, 'deployment');
  /** The person's browser: the provider's login page, then back to the station's callback route. */
  const viaBrowser = async (redirect: string | null | undefined, login: string) => {
    const callback = await signInAt(redirect!, login, web.origin);
    expect(callback.pathname).toBe('/auth/callback');
    const page = await fetch(callback, { redirect: 'manual' });
    return { status: page.status, text: await page.text() };
  };
  return {
    core,
    server,
    logs,
    viaBrowser,
    advance: (ms: number) => (now += ms),
    journal: () => readJournal(journalFile(dataDir, server.deployment.deploymentId)),
    journalText: () => readFileSync(journalFile(dataDir, server.deployment.deploymentId), 'utf8'),
  };
}

describe('single sign-on through the station', () => {
  it('signs in through the callback route and journals how the person proved who they are', async () => {
    const t = await setUp();
    const started = await t.core.services.signIn({ method: 'oidc' });
    if (!started.ok) throw new Error(started.error);
    const page = await t.viaBrowser(started.redirect, 'sgt.reyes');
    expect(page.status).toBe(200);
    expect(page.text).toContain('http-equiv="refresh"');
    const snap = await t.core.services.getSnapshot({});
    expect(snap.operator).toMatchObject({ id: 'sgt.reyes', name: 'Dana Reyes', role: 'supervisor' });
    expect(snap.access).toMatchObject({
      method: 'oidc',
      methods: { sso: { provider: new URL(started.redirect!).host } },
    });
    const entry = t.journal().find((e) => e.type === 'operator-signed-in')!;
    expect(entry.data).toMatchObject({ role: 'supervisor', method: 'oidc', subject: 'sgt.reyes' });
    expect(entry.data.idTokenSha256).toMatch(/^[0-9a-f]{64}$/);
    // No JWT (header.payload.signature) anywhere in the journal or the log.
    expect(t.journalText()).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./);
    expect(t.logs.join('\n')).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./);
  });

  it("takes the second officer's own sign-on for a two-person check, never the first officer's", async () => {
    const t = await setUp();
    const started = await t.core.services.signIn({ method: 'oidc' });
    await t.viaBrowser(started.ok ? started.redirect : null, 'pc.okafor');
    const record = await t.server.emitAlert();
    const alertId = record.payload.alertId;
    await waitFor(async () => (await t.core.services.alertShown({ alertId })).ok, 'shown');
    const engage = () =>
      t.core.services.recordDecision({
        alertId,
        decision: 'engage',
        reasons: [REASON_CODES[0]!.code],
        rationale: 'Same scar above the left eyebrow and the same ear shape.',
        confirmation: { method: 'oidc', note: 'Compared both images myself.' },
      });
    expect(await engage()).toMatchObject({ ok: false, error: expect.stringMatching(/single sign-on first/) });
    // The officer deciding cannot be their own second officer.
    const self = await t.core.services.proveSecondOfficer({ method: 'oidc' });
    const refused = await t.viaBrowser(self.ok ? self.redirect : null, 'pc.okafor');
    expect(refused.text).toContain('Not confirmed');
    expect((await t.core.services.getSnapshot({})).access?.secondOfficer).toBeNull();
    expect(await engage()).toMatchObject({ ok: false });
    const other = await t.core.services.proveSecondOfficer({ method: 'oidc' });
    const confirmed = await t.viaBrowser(other.ok ? other.redirect : null, 'pc.lee');
    expect(confirmed.text).toContain('Confirmed');
    expect((await t.core.services.getSnapshot({})).access?.secondOfficer).toEqual({
      id: 'pc.lee',
      name: 'Jo Lee',
    });
    expect(await engage()).toMatchObject({ ok: true });
    const decision = t.journal().find((e) => e.type === 'decision')!;
    expect(decision.data.confirmedBy).toMatchObject({ id: 'pc.lee', name: 'Jo Lee' });
    // One proof, one decision.
    expect((await t.core.services.getSnapshot({})).access?.secondOfficer).toBeNull();
  });

  it('asks for a fresh sign-on by the same person before a legal hold once 5 minutes have passed', async () => {
    const t = await setUp();
    const started = await t.core.services.signIn({ method: 'oidc' });
    await t.viaBrowser(started.ok ? started.redirect : null, 'sgt.reyes');
    const hold = {
      deploymentId: t.server.deployment.deploymentId,
      active: true,
      reason: 'Complaint received',
    };
    t.advance(6 * 60_000);
    expect(await t.core.services.setLegalHold(hold)).toMatchObject({ ok: false, error: PROVE_AGAIN });
    // Someone else's sign-on does not renew this session's proof.
    const wrong = await t.core.services.reauthenticate({ method: 'oidc' });
    await t.viaBrowser(wrong.ok ? wrong.redirect : null, 'pc.lee');
    expect(await t.core.services.setLegalHold(hold)).toMatchObject({ ok: false, error: PROVE_AGAIN });
    const again = await t.core.services.reauthenticate({ method: 'oidc' });
    await t.viaBrowser(again.ok ? again.redirect : null, 'sgt.reyes');
    expect(await t.core.services.setLegalHold(hold)).toMatchObject({ ok: true });
  });
});
