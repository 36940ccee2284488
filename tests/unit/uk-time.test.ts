/** Issue 24: one way to write time, UK local with its zone, and words through Intl. */
import { describe, expect, it } from 'vitest';
import {
  count,
  durationWords,
  minutesWords,
  ukDateTime,
  ukFileStamp,
  ukStamp,
  ukTime,
  ukZone,
  utcStamp,
} from '../../shared/uk-time';

describe('UK time', () => {
  it('writes the zone, GMT or BST, across both changes of the clocks', () => {
    expect(ukDateTime('2026-03-29T00:59:59Z')).toBe('29 Mar 2026, 00:59:59 GMT');
    expect(ukDateTime('2026-03-29T01:00:00Z')).toBe('29 Mar 2026, 02:00:00 BST');
    // October: 01:30 happens twice; the zone says which.
    expect(ukTime('2026-10-25T00:30:00Z')).toBe('01:30:00 BST');
    expect(ukTime('2026-10-25T01:30:00Z')).toBe('01:30:00 GMT');
    expect(ukZone('2026-07-01T12:00:00Z')).toBe('BST');
    expect(ukStamp('2026-10-25T01:30:00Z')).toBe('2026-10-25 01:30:00 GMT');
    expect(ukFileStamp('2026-10-25T00:30:00Z')).toBe('2026-10-25_01-30-00_BST');
    expect(utcStamp('2026-10-25T00:30:00.900Z')).toBe('2026-10-25T00:30:00Z');
  });

  it('does not depend on the machine zone', () => {
    // The test runner's TZ is whatever the machine has; the output is the same.
    expect(ukDateTime(Date.parse('2026-12-04T23:55:43.727Z'))).toBe('4 Dec 2026, 23:55:43 GMT');
  });

  it('says durations and counts with the right plural', () => {
    expect(minutesWords(1)).toBe('1 minute');
    expect(minutesWords(20)).toBe('20 minutes');
    expect(durationWords(60_000)).toBe('1 minute');
    expect(durationWords(3_660_000)).toBe('1 hour, 1 minute');
    expect(durationWords(45_000)).toBe('45 seconds');
    expect(count(1, 'alert', 'alerts')).toBe('1 alert');
    expect(count(1200, 'alert', 'alerts')).toBe('1,200 alerts');
  });
});
