/**
 * Issue 26: the supervisor chooses each export's language, and the request pipeline checks
 * the choice like any other field. A real station core on the training feed: a signed-in
 * supervisor exports the oversight PDF in Welsh, English and both (pdftotext reads each),
 * and a language the station does not have is refused before anything is written. The
 * journal's export entries carry no words, so the same journal makes every language.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_CLIENT } from '../../electron/core/station/session';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { addAccounts, passwordFor } from '../helpers/accounts';
import { closeAfterEach, startTestCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'feed-token';
const SUPERVISOR = { id: 'PS 900', name: 'Morgan Hale', role: 'supervisor' as const };
const cleanup = closeAfterEach();

async function supervisorStation() {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  await addAccounts(dataDir, [SUPERVISOR]);
  const core = await startTestCore({ dataDir, feedUrl: server.url, token: TOKEN, log: () => undefined });
  cleanup.push(() => core.close());
  const ask = (name: string, payload: object) =>
    core.request(LOCAL_CLIENT, name as never, payload) as Promise<Record<string, unknown>>;
  await waitFor(async () => (await ask('getSnapshot', {})).deployment, 'deployment');
  const signedIn = await ask('signIn', {
    method: 'local',
    id: SUPERVISOR.id,
    password: passwordFor(SUPERVISOR.id),
  });
  expect(signedIn).toMatchObject({ ok: true });
  const deploymentId = server.deployment.deploymentId;
  return { dataDir, ask, deploymentId, key: `station:${deploymentId}` };
}

const pdfWords = (file: string) =>
  execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('the export language, chosen by the supervisor', () => {
  it('writes the oversight PDF in Welsh, English or both, as asked', async () => {
    const t = await supervisorStation();
    const words: Record<string, string> = {};
    for (const language of ['cy', 'en-GB', 'both']) {
      const r = await t.ask('exportReplay', { key: t.key, kind: 'pdf', language });
      expect(r, language).toMatchObject({ ok: true });
      words[language] = pdfWords(r.path as string);
    }
    expect(words.cy).toContain('Adroddiad goruchwylio defnydd LFR');
    expect(words.cy).not.toContain('LFR deployment oversight report');
    expect(words['en-GB']).toContain('LFR deployment oversight report');
    expect(words['en-GB']).not.toContain('Adroddiad goruchwylio');
    expect(words.both).toContain('Adroddiad goruchwylio defnydd LFR');
    expect(words.both).toContain('LFR deployment oversight report');
    // No language asked: English, as before.
    const plain = await t.ask('exportReplay', { key: t.key, kind: 'pdf' });
    expect(pdfWords(plain.path as string)).toContain('LFR deployment oversight report');
    // The journal records each export by kind and file; no words of any language.
    const exports = readJournal(journalFile(t.dataDir, t.deploymentId)).filter((e) => e.type === 'export');
    expect(exports).toHaveLength(4);
    for (const e of exports) expect(JSON.stringify(e.data)).not.toMatch(/Adroddiad|oversight report/);
  });

  it('refuses a language the station does not have, and writes nothing', async () => {
    const t = await supervisorStation();
    for (const language of ['fr', 'cy-GB', '', 7, null])
      expect(
        await t.ask('exportReplay', { key: t.key, kind: 'pdf', language }),
        String(language),
      ).toMatchObject({ ok: false, error: expect.stringMatching(/language/) });
    let written: string[] = [];
    try {
      written = readdirSync(join(t.dataDir, 'exports'));
    } catch {
      // No exports folder: nothing was written.
    }
    expect(written).toEqual([]);
  });
});
