/**
 * The status bar says how far the evidence archive is behind, and an integrity alarm
 * stays on screen as an alert; without --archive nothing about an archive is shown.
 * The deployment panel shows the faces compared so far (from `tally`).
 */
import { render, screen } from '@testing-library/react';
import { DeploymentPanel } from '../../renderer/src/components/DeploymentPanel';
import { describe, expect, it } from 'vitest';
import { archiveText } from '../../renderer/src/components/ArchiveStatus';
import { iso, makeSnapshot, renderApp, T0 } from './fixtures';

describe('archive status', () => {
  it('words each state', () => {
    const base = { behindEntries: 0, lastShippedAt: iso(-30_000), alarm: null };
    expect(archiveText({ ...base, state: 'current' }, T0)).toMatch(/^Archive: up to date, last copy /);
    expect(archiveText({ ...base, state: 'shipping', behindEntries: 12 }, T0)).toMatch(
      /^Archive: 12 entries behind/,
    );
    expect(archiveText({ ...base, state: 'offline', behindEntries: 40 }, T0)).toMatch(
      /^Archive unreachable: 40 entries behind/,
    );
    expect(archiveText({ ...base, state: 'connecting', lastShippedAt: null }, T0)).toBe(
      'Archive: connecting…',
    );
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
    expect(screen.getByRole('alert', { name: '' })).toHaveTextContent(
      /Archive integrity alarm: .*seq 5 of D1/,
    );
  });

  it('shows nothing about an archive when the station has none', async () => {
    await renderApp(makeSnapshot());
    expect(screen.queryByText(/Archive/)).toBeNull();
  });
});

describe('faces compared', () => {
  const deployment = {
    v: 1 as const,
    deploymentId: 'DEP-1',
    title: 'Town centre',
    purpose: 'Wanted people.',
    intelligenceRef: 'INT/1',
    location: { name: 'Market Street' },
    authorisedBy: { id: 'S1', name: 'A Sup', rank: 'Superintendent' },
    authorisedAt: iso(-86_400_000),
    startsAt: iso(-3_600_000),
    endsAt: iso(3_600_000),
    threshold: 0.64,
    algorithm: { name: 'FaceMatch', version: '4' },
    watchlist: { version: 'WL-1', size: 100, reviewedAt: iso(-7_200_000), reviewedBy: 'Insp. R' },
    notice: { given: true, channels: ['signs'] },
    dpiaRef: 'DPIA-1',
    cameras: [{ id: 'cam-1', label: 'Cam 1' }],
    retentionDays: 31,
  };
  const bridge = {
    setLegalHold: async () => ({ ok: true as const }),
    updateSettings: async () => ({ ok: true as const }),
  };

  it('shows the faces compared so far when the station has tallies', () => {
    render(
      <DeploymentPanel
        snapshot={makeSnapshot({ deployment, facesCompared: 12345 })}
        now={T0}
        bridge={bridge}
      />,
    );
    expect(screen.getByText('12,345')).toBeInTheDocument();
    expect(screen.getByText(/Faces compared/)).toBeInTheDocument();
  });

  it('says nothing of faces when none were reported', () => {
    render(<DeploymentPanel snapshot={makeSnapshot({ deployment })} now={T0} bridge={bridge} />);
    expect(screen.queryByText(/Faces compared/)).toBeNull();
  });
});
