/**
 * Issue 26: words the station core sends to the screen, in the officer's language. The
 * core sends a code and values beside its English words; the screen says them in Welsh
 * when the officer chose Cymraeg, and in the same English as before otherwise.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { refuse } from '../../shared/request-refusals';
import type { StationSnapshot } from '../../shared/view';
import { useLocaleStore } from '../../renderer/src/i18n/locale-store';
import { iso, makeSnapshot, renderApp } from './fixtures';
import { makeReplay, openFixtureReplay } from './replay-fixtures';

type Storage = NonNullable<StationSnapshot['reliability']>['storage'];

const withStorage = (storage: Storage) =>
  makeSnapshot({
    reliability: { keyProtection: null, refusals: [], refusedTotal: 0, storage, clock: { doubt: null } },
  });

const diskFull: Storage = { ok: false, cause: 'the disk is full', why: { code: 'disk-full' }, since: iso(0) };

describe('the storage banner in the officer’s language', () => {
  afterEach(() => useLocaleStore.getState().chooseLocale('en-GB'));

  it('names the cause in Welsh when the officer chose Cymraeg', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    await renderApp(withStorage(diskFull));
    const banner = document.getElementById('alarm-storage');
    expect(banner).toHaveTextContent(/^Y storfa’n methu ers .* nes i hyn glirio: mae’r ddisg yn llawn$/);
    expect(banner).not.toHaveTextContent('the disk is full');
  });

  it('names it in the same English as before in en-GB', async () => {
    await renderApp(withStorage(diskFull));
    expect(document.getElementById('alarm-storage')).toHaveTextContent(
      /^Storage failing since .* — alerts are not acknowledged and decisions not saved until it clears: the disk is full$/,
    );
  });

  it('says a journal file put elsewhere with its path, in Welsh', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    await renderApp(
      withStorage({
        ok: false,
        cause: 'the journal file is no longer at /data/j.jsonl (…)',
        why: { code: 'journal-moved', values: { path: '/data/j.jsonl' } },
        since: iso(0),
      }),
    );
    expect(document.getElementById('alarm-storage')).toHaveTextContent(
      'nid yw ffeil y cyfnodolyn yn /data/j.jsonl mwyach',
    );
  });
});

/** Sign in on the training form (the fake station has no accounts); the core refuses. */
async function signInRefused(welsh: boolean) {
  const user = userEvent.setup();
  const { fake } = await renderApp(makeSnapshot({ operator: null }));
  // Made as the core makes it: the English words and the code with its values.
  fake.bridge.signIn.mockResolvedValueOnce(refuse('signed-in-sign-out', { values: { name: 'PC Jones' } }));
  await user.type(screen.getByRole('textbox', { name: welsh ? 'ID swyddog' : 'Officer ID' }), 'S1');
  await user.type(screen.getByRole('textbox', { name: welsh ? 'Enw’r swyddog' : 'Officer name' }), 'Kim Ode');
  await user.click(screen.getByRole('button', { name: welsh ? 'Mewngofnodi' : 'Sign in' }));
  return screen.findByRole('alert');
}

async function handOverRefused(welsh: boolean) {
  const user = userEvent.setup();
  const { fake } = await renderApp(makeSnapshot());
  fake.bridge.handover.mockResolvedValueOnce(refuse('nobody-signed-in'));
  await user.click(screen.getByRole('button', { name: welsh ? 'Trosglwyddo' : 'Hand over' }));
  const dialog = screen.getByRole('dialog', { name: welsh ? 'Trosglwyddo' : 'Hand over' });
  await user.click(
    within(dialog).getByRole('button', {
      name: welsh ? 'Trosglwyddo ac allgofnodi' : 'Hand over and sign out',
    }),
  );
  return dialog;
}

describe('the core’s refusals in the officer’s language', () => {
  afterEach(() => useLocaleStore.getState().chooseLocale('en-GB'));

  it('says a sign-in refusal in Welsh, with the name as sent', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    const alert = await signInRefused(true);
    expect(alert).toHaveTextContent(
      'Gwrthodwyd y mewngofnodi: mae PC Jones wedi mewngofnodi; allgofnodwch yn gyntaf',
    );
  });

  it('says it in the same English as before in en-GB', async () => {
    expect(await signInRefused(false)).toHaveTextContent(
      'Sign-in refused: PC Jones is signed in; sign out first',
    );
  });

  it('says a hand-over refusal in Welsh', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    expect(await handOverRefused(true)).toHaveTextContent('Methu trosglwyddo: nid oes neb wedi mewngofnodi');
  });

  it('says a hand-over refusal in English unchanged', async () => {
    expect(await handOverRefused(false)).toHaveTextContent('Could not hand over: nobody is signed in');
  });
});

describe('replay timeline lines in the supervisor’s language', () => {
  afterEach(() => useLocaleStore.getState().chooseLocale('en-GB'));

  it('says a line the core sent as a code in Welsh, and its English summary in en-GB', async () => {
    const replay = makeReplay();
    // As the replay builder sends it: the English summary, and the same line as a code.
    replay.events = replay.events.map((e) =>
      e.seq === 4
        ? {
            ...e,
            summary: 'alert #1 shown to Alex Moss',
            line: { code: 'shown', who: 'Alex Moss', alert: { seq: '1' } },
          }
        : e,
    );
    await openFixtureReplay(replay);
    fireEvent.click(screen.getByRole('button', { name: 'Next event' })); // 62 s: shown to Alex
    const current = () => document.querySelector('.current-event');
    expect(current()).toHaveTextContent('alert #1 shown to Alex Moss');
    act(() => useLocaleStore.getState().chooseLocale('cy'));
    expect(current()).toHaveTextContent('dangoswyd rhybudd #1 i Alex Moss');
    expect(current()).not.toHaveTextContent('shown to');
  });
});
