/**
 * Issue 26: words the station core sends to the screen, in the officer's language. The
 * core sends a code and values beside its English words; the screen says them in Welsh
 * when the officer chose Cymraeg, and in the same English as before otherwise.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StationSnapshot } from '../../shared/view';
import { useLocaleStore } from '../../renderer/src/i18n/locale-store';
import { iso, makeSnapshot, renderApp } from './fixtures';

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
