/**
 * Issue 26: the core's refusals as a code and values. The English `error` is the words the
 * station always answered (tests, logs and accessible text depend on them); the code is said
 * in Welsh on a Welsh screen, with any refusal or storage cause inside it said in Welsh too.
 */
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../shared/contract';
import { translatorFor } from '../../shared/i18n/translator';
import { refuse, refusedText, requestRefusalText } from '../../shared/request-refusals';

const cy = translatorFor('cy');
const en = translatorFor('en-GB');

describe('request refusals', () => {
  it('keeps the English words as they were', () => {
    expect(refuse('signed-in-hand-over', { values: { name: 'Alex Moss' } }).error).toBe(
      'Alex Moss is signed in; sign out or hand over first',
    );
    expect(refuse('second-unchecked').error).toBe("the second officer's credential was not checked");
    expect(refuse('too-many-wrong', { values: { seconds: '1200' } }).error).toBe(
      'too many wrong passwords; try again in 1200 s',
    );
    expect(refuse('second-not-confirmed', { because: { code: 'wrong-credential' } }).error).toBe(
      'second officer not confirmed: officer ID or password is wrong, or the account is locked after failed attempts (a supervisor can reset it)',
    );
    expect(refuse('not-saved', { values: { what: 'decision' }, storage: { code: 'disk-full' } }).error).toBe(
      'The decision was NOT saved: the disk is full. Nothing was sent. It can be recorded again once the station says writing works again.',
    );
  });

  it('says the code in Welsh, nested refusals and storage causes included', () => {
    const nested = refuse('second-not-confirmed', { because: { code: 'account-disabled' } });
    expect(refusedText(cy, nested)).toBe('ni chadarnhawyd yr ail swyddog: mae’r cyfrif hwn wedi’i analluogi');
    const notSaved = refuse('not-saved', { values: { what: 'outcome' }, storage: { code: 'read-only' } });
    expect(refusedText(cy, notSaved)).toMatch(
      /^NI chadwyd y canlyniad: mae’r ddisg wedi troi’n ddarllen-yn-unig\. Ni anfonwyd dim\./,
    );
    // A refusal the core sent without a code keeps its English words in any language.
    expect(refusedText(cy, { error: 'no rollback alarm stands for this deployment' })).toBe(
      'no rollback alarm stands for this deployment',
    );
    expect(requestRefusalText(en, { code: 'nobody-signed-in' })).toBe('nobody is signed in');
  });

  it('answers a malformed request with its English detail inside a Welsh frame', () => {
    const parsed = parseRequest('handover', { note: 42 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatch(/^invalid handover: note: /);
    expect(refusedText(cy, parsed)).toMatch(/^cais handover annilys: note: /);
    const unknown = parseRequest('fly', {});
    expect(unknown).toMatchObject({ ok: false, error: 'unknown request "fly"' });
    if (!unknown.ok) expect(refusedText(cy, unknown)).toBe('cais anhysbys "fly"');
  });
});
