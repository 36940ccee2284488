/**
 * The status bar says how far the evidence archive is behind, and an integrity alarm
 * stays on screen as an alert; without --archive nothing about an archive is shown.
 */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { archiveText } from '../../renderer/src/components/ArchiveStatus';
import { iso, makeSnapshot, renderApp, T0 } from './fixtures';

describe('archive status', () => {
  it('words each state', () => {
    const base = { behindEntries: 0, lastShippedAt: iso(-30_000), alarm: null };
    expect(archiveText({ ...base, state: 'current' }, T0)).toMatch(/^Archive: up to date, last copy /);
    expect(archiveText({ ...base, state: 'shipping', behindEntries: 12 }, T0)).toMatch(/^Archive: 12 entries behind/);
    expect(archiveText({ ...base, state: 'offline', behindEntries: 40 }, T0)).toMatch(
      /^Archive unreachable: 40 entries behind/,
    );
    expect(archiveText({ ...base, state: 'connecting', lastShippedAt: null }, T0)).toBe('Archive: connecting…');
  });

  it('shows the state in the status bar and an alarm as an alert', async () => {
    await renderApp(
      makeSnapshot({
        archive: {
          state: 'shipping',
          behindEntries: 7,
          lastShippedAt: iso(-5000),
          alarm: 'integrity alarm: the archive holds another entry at seq 5 of D1',
        },
      }),
    );
    expect(screen.getByText(/^Archive: 7 entries behind/)).toBeInTheDocument();
    expect(screen.getByRole('alert', { name: '' })).toHaveTextContent(/Archive integrity alarm: .*seq 5 of D1/);
  });

  it('shows nothing about an archive when the station has none', async () => {
    await renderApp(makeSnapshot());
    expect(screen.queryByText(/Archive/)).toBeNull();
  });
});
