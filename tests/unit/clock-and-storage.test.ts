/**
 * Issue 10 items 4, 7 and 8 at their smallest: capture times ahead of the station clock,
 * the doubts that make retention wait, and storage failures described in words.
 */
import { describe, expect, it } from 'vitest';
import { captureAheadMs, ClockDoubt, DAY_MS } from '../../electron/core/clock';
import { describeStorageError, storageCause, StorageHealth } from '../../electron/core/storage-health';
import { translatorFor } from '../../shared/i18n/translator';
import { storageCauseText } from '../../shared/storage-messages';
import { JournalFileError } from '../../electron/core/journal/journal';

const T = Date.parse('2026-05-01T12:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

describe('capture times ahead of the station clock', () => {
  it('flags more than two minutes ahead, not less', () => {
    expect(captureAheadMs(at(T + 119_000), T)).toBeNull();
    expect(captureAheadMs(at(T + 121_000), T)).toBe(121_000);
    expect(captureAheadMs(at(T - 3_600_000), T)).toBeNull();
    expect(captureAheadMs('not a time', T)).toBeNull();
  });
});

describe('clock doubt', () => {
  it('doubts a clock more than a day past the last journal entry at start, until the feed agrees', () => {
    const doubt = new ClockDoubt();
    doubt.checkAtStart(T, T - DAY_MS + 60_000);
    expect(doubt.reason).toBeNull();
    doubt.checkAtStart(T, T - DAY_MS - 60_000);
    expect(doubt.reason).toMatch(/more than a day after the last journal entry/);
    doubt.observeCapture(at(T - 30 * 60_000), T); // a late alert proves nothing
    expect(doubt.reason).not.toBeNull();
    doubt.observeCapture(at(T - 20_000), T);
    expect(doubt.reason).toBeNull();
  });

  it('doubts when the feed is ahead, or when every recent alert lags far behind', () => {
    const ahead = new ClockDoubt();
    ahead.observeCapture(at(T + 10 * 60_000), T);
    expect(ahead.reason).toMatch(/10 min ahead of the station clock/);
    const lag = new ClockDoubt();
    for (let i = 0; i < 4; i++) lag.observeCapture(at(T - 3_600_000), T);
    expect(lag.reason).toBeNull();
    lag.observeCapture(at(T - 3_600_000), T);
    expect(lag.reason).toMatch(/station clock may be ahead/);
    lag.observeCapture(at(T - 1000), T);
    expect(lag.reason).toBeNull();
  });
});

describe('storage failures in words', () => {
  const sysError = (code: string) => Object.assign(new Error(`${code}: failed`), { code });
  it('names the cause', () => {
    expect(describeStorageError(sysError('ENOSPC'))).toBe('the disk is full');
    expect(describeStorageError(sysError('EROFS'))).toBe('the disk has become read-only');
    expect(describeStorageError(sysError('ENOENT'))).toBe('the data folder, or part of it, has been removed');
    expect(describeStorageError(new Error('journal fsync failed', { cause: sysError('EIO') }))).toBe(
      'the disk reported an input/output error',
    );
    expect(describeStorageError(new JournalFileError('replaced', '/x/journal.jsonl'))).toMatch(
      /^the journal file at \/x\/journal.jsonl was replaced by another file while the station was using it\. Do not restart the station; tell your supervisor/,
    );
    expect(describeStorageError(new JournalFileError('moved', '/x/journal.jsonl'))).toMatch(
      /^the journal file is no longer at \/x\/journal.jsonl \(its folder was moved or renamed\)\. Put the folder back where it was/,
    );
    expect(describeStorageError(new Error('strange'))).toBe('writing failed (strange)');
  });

  it('keeps the first failure time until a write succeeds', () => {
    let now = T;
    const health = new StorageHealth(() => now);
    expect(health.view).toEqual({ ok: true });
    health.failed(sysError('ENOSPC'));
    now += 5000;
    health.failed(sysError('EROFS'));
    expect(health.view).toEqual({
      ok: false,
      cause: 'the disk has become read-only',
      why: { code: 'read-only' },
      since: at(T),
    });
    expect(health.succeeded()).toBe(true);
    expect(health.succeeded()).toBe(false);
    expect(health.ok).toBe(true);
  });
});

describe('storage failures in Welsh (issue 26)', () => {
  const sysError = (code: string) => Object.assign(new Error(`${code}: failed`), { code });
  const cy = translatorFor('cy');
  it('sends a code and values, said in either language, and the English as before', () => {
    const full = storageCause(new Error('journal fsync failed', { cause: sysError('ENOSPC') }));
    expect(full).toEqual({ code: 'disk-full' });
    expect(storageCauseText(cy, full)).toBe('mae’r ddisg yn llawn');
    expect(storageCauseText(translatorFor('en-GB'), full)).toBe('the disk is full');
    const moved = storageCause(new JournalFileError('moved', '/x/journal.jsonl'));
    expect(moved).toEqual({ code: 'journal-moved', values: { path: '/x/journal.jsonl' } });
    expect(storageCauseText(cy, moved)).toMatch(/^nid yw ffeil y cyfnodolyn yn \/x\/journal.jsonl mwyach/);
    const odd = storageCause(new Error('strange'));
    expect(odd).toEqual({ code: 'write-failed', values: { detail: 'strange' } });
    expect(storageCauseText(cy, odd)).toBe('methodd yr ysgrifennu (strange)');
  });
});
