/**
 * Issue 24: one way to write time. An alert captured either side of the change to British
 * Summer Time (01:00 UTC on 29 March 2026) shows its capture time on the officer's screen
 * in UK local time with its zone, written by the same formatter as the PDF and the CSV
 * (shared/uk-time.ts; tests/unit/report-pdf-record.test.ts checks those two agree).
 */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ukDateTime } from '../../shared/uk-time';
import { makeAlert, makeSnapshot, renderApp } from './fixtures';

describe('capture time on screen across the BST change', () => {
  it.each([
    ['2026-03-29T00:50:00.000Z', 'GMT', /00:50/],
    ['2026-03-29T01:10:00.000Z', 'BST', /02:10/],
  ])('%s is shown as UK local time with %s', async (capturedAt, zone, local) => {
    const alert = makeAlert({ camera: 'Camera 7', capturedAt });
    await renderApp(makeSnapshot({ alerts: [alert] }));
    // The facts strip (a queue row may say "just now" instead: a relative time needs no zone).
    const times = [...document.querySelectorAll(`time[datetime="${capturedAt}"]`)].map((t) => t.textContent);
    const written = ukDateTime(capturedAt);
    expect(times).toContain(written);
    expect(written).toContain(zone);
    expect(written).toMatch(local);
    expect(screen.getAllByText(written).length).toBeGreaterThan(0);
  });
});
