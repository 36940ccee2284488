import { fireEvent, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StationBridge } from '../../shared/contract';
import { flush, iso, renderApp } from './fixtures';
import {
  IDS,
  SUPERVISOR,
  TAMPERED,
  listing,
  makeReplay,
  noCanvas,
  openFixtureReplay,
  scrubTo,
  supervisorSnapshot,
} from './replay-fixtures';

afterEach(() => {
  vi.restoreAllMocks();
  delete window.station;
});

async function seriousViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const view = (name: string) =>
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Replay views' })).getByRole('button', { name }),
  );
const selectNorthAt = (ms: number) => {
  scrubTo(ms);
  const list = screen.getByRole('list', { name: 'Alerts received by the replay time' });
  fireEvent.click(
    within(list)
      .getAllByRole('button', { name: /Camera North/ })
      .at(-1)!,
  );
};

describe('supervisor review', () => {
  it('records a countersignature or disagreement on the revision shown, with a comment', async () => {
    const { fake } = await openFixtureReplay();
    selectNorthAt(310_000);
    const panel = screen.getByRole('region', { name: 'Supervisor review' });
    expect(within(panel).getByText('No supervisor review yet.')).toBeInTheDocument();
    fireEvent.click(within(panel).getByRole('button', { name: 'Record review' }));
    expect(fake.bridge.supervisorReview).not.toHaveBeenCalled();
    expect(within(panel).getByText('Choose Countersign or Disagree.')).toBeInTheDocument();

    fake.bridge.supervisorReview.mockResolvedValue({
      ok: true,
      review: {
        alertId: IDS.a,
        revision: 2,
        verdict: 'disagree',
        comment: 'The engagement was right.',
        by: SUPERVISOR,
        at: iso(700_000),
        seq: 20,
      },
    });
    fireEvent.click(within(panel).getByRole('radio', { name: 'Disagree' }));
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Review comment' }), {
      target: { value: '  The engagement was right.  ' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Record review' }));
    await flush();
    expect(fake.bridge.supervisorReview).toHaveBeenCalledWith({
      key: 'station:dep-1',
      alertId: IDS.a,
      revision: 2,
      verdict: 'disagree',
      comment: 'The engagement was right.',
    });
    expect(within(panel).getByText('Review recorded in the journal.')).toBeInTheDocument();
    const reviews = within(panel).getByRole('list', { name: 'Supervisor reviews on record' });
    expect(reviews).toHaveTextContent('Disagreed revision 2');
    expect(reviews).toHaveTextContent('The engagement was right.');
    expect(within(panel).getByRole('textbox', { name: 'Review comment' })).toHaveValue('');
  });

  it('reviews revision 1 when the replay time is before the amendment, and shows a refusal', async () => {
    const { fake } = await openFixtureReplay();
    selectNorthAt(200_000);
    const panel = screen.getByRole('region', { name: 'Supervisor review' });
    fake.bridge.supervisorReview.mockResolvedValue({ ok: false, error: 'supervisors only' });
    fireEvent.click(within(panel).getByRole('radio', { name: 'Countersign' }));
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Review comment' }), {
      target: { value: 'Sound.' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Record review' }));
    await flush();
    expect(fake.bridge.supervisorReview).toHaveBeenCalledWith(
      expect.objectContaining({ revision: 1, verdict: 'countersign', comment: 'Sound.' }),
    );
    expect(within(panel).getByRole('alert')).toHaveTextContent('Review not recorded: supervisors only');
  });
});

describe('exports and legal hold', () => {
  it('Electron: sends each export kind, with images in the PDF only when ticked, and shows where it went', async () => {
    // A preload bridge present: Electron, where main writes the export and asks where to save a copy.
    window.station = {} as StationBridge;
    const { fake } = await openFixtureReplay();
    view('Report and exports');
    fake.bridge.exportReplay.mockResolvedValue({
      ok: true,
      path: '/exports/dep-1.csv',
      bytes: 4096,
      savedTo: '/media/usb/dep-1.csv',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await flush();
    expect(fake.bridge.exportReplay).toHaveBeenLastCalledWith({ key: 'station:dep-1', kind: 'csv' });
    expect(screen.getByText('/exports/dep-1.csv')).toBeInTheDocument();
    expect(screen.getByText('/media/usb/dep-1.csv')).toBeInTheDocument();
    fake.bridge.exportReplay.mockResolvedValue({ ok: true, path: '/exports/dep-1.pdf', bytes: 4096 });

    fireEvent.click(screen.getByRole('button', { name: 'Export PDF report' }));
    await flush();
    expect(fake.bridge.exportReplay).toHaveBeenLastCalledWith({ key: 'station:dep-1', kind: 'pdf' });

    const box = screen.getByRole('checkbox', { name: 'Include biometric images in the PDF' });
    expect(box).not.toBeChecked();
    fireEvent.click(box);
    expect(screen.getByText(/Warning: the PDF will contain faces/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Export PDF report' }));
    await flush();
    expect(fake.bridge.exportReplay).toHaveBeenLastCalledWith({
      key: 'station:dep-1',
      kind: 'pdf',
      includeImages: true,
    });

    fake.bridge.exportReplay.mockResolvedValue({ ok: false, error: 'disk full' });
    fireEvent.click(screen.getByRole('button', { name: 'Export bundle' }));
    await flush();
    expect(fake.bridge.exportReplay).toHaveBeenLastCalledWith({ key: 'station:dep-1', kind: 'bundle' });
    expect(screen.getByRole('alert')).toHaveTextContent('Export failed: disk full');
  });

  it('browser mode: downloads the export from the station, naming the replay and kind, never a path', async () => {
    const { fake } = await openFixtureReplay();
    view('Report and exports');
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(
      new Response('\ufeffrecord,alertId\n', {
        status: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="dep-1-20261129-231500.csv"',
          'X-Export-Path': encodeURIComponent('/data/exports/dep-1-20261129-231500.csv'),
        },
      }),
    );
    const clicked: string[] = [];
    Object.assign(URL, { createObjectURL: () => 'blob:station/1', revokeObjectURL: () => undefined });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.download} ${this.href}`);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await flush();
    await flush();
    expect(fake.bridge.exportReplay).not.toHaveBeenCalled();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/exports');
    // No cookie to send (issue 21): the connection's key goes in a header when there is one.
    expect(init).toMatchObject({ method: 'POST' });
    expect(init).not.toHaveProperty('credentials');
    expect(JSON.parse(init!.body as string)).toEqual({ key: 'station:dep-1', kind: 'csv' });
    expect(clicked).toEqual(['dep-1-20261129-231500.csv blob:station/1']);
    expect(screen.getByText(/Downloaded dep-1-20261129-231500\.csv/)).toBeInTheDocument();

    fetchMock.mockResolvedValueOnce(
      Response.json({ ok: false, error: 'only a signed-in supervisor can export' }, { status: 403 }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export bundle' }));
    await flush();
    await flush();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Export failed: only a signed-in supervisor can export',
    );
    expect(clicked).toHaveLength(1);
  });

  it('places and releases a legal hold with a reason', async () => {
    const { fake } = await openFixtureReplay();
    view('Report and exports');
    const hold = screen.getByRole('region', { name: 'Legal hold' });
    expect(within(hold).getByRole('button', { name: 'Release legal hold' })).toBeDisabled();
    fireEvent.click(within(hold).getByRole('button', { name: 'Place legal hold' }));
    expect(fake.bridge.setLegalHold).not.toHaveBeenCalled();

    fake.bridge.listDeployments.mockResolvedValue({
      ok: true,
      deployments: [
        listing({ legalHold: { reason: 'Complaint 2025/14', by: SUPERVISOR, at: iso(800_000) } }),
      ],
    });
    fireEvent.change(within(hold).getByRole('textbox', { name: 'Legal hold reason' }), {
      target: { value: 'Complaint 2025/14' },
    });
    fireEvent.click(within(hold).getByRole('button', { name: 'Place legal hold' }));
    await flush();
    await flush();
    expect(fake.bridge.setLegalHold).toHaveBeenCalledWith({
      deploymentId: 'dep-1',
      active: true,
      reason: 'Complaint 2025/14',
    });
    expect(within(hold).getByText('Legal hold placed.')).toBeInTheDocument();
    expect(within(hold).getByText(/On hold since .* by Sam Reid: Complaint 2025\/14/)).toBeInTheDocument();
    expect(within(hold).getByRole('button', { name: 'Place legal hold' })).toBeDisabled();

    fireEvent.change(within(hold).getByRole('textbox', { name: 'Legal hold reason' }), {
      target: { value: 'Complaint closed' },
    });
    fireEvent.click(within(hold).getByRole('button', { name: 'Release legal hold' }));
    await flush();
    expect(fake.bridge.setLegalHold).toHaveBeenLastCalledWith({
      deploymentId: 'dep-1',
      active: false,
      reason: 'Complaint closed',
    });
  });
});

describe('statistics', () => {
  it('states the figures in words and tables where no canvas can draw them', async () => {
    await openFixtureReplay();
    view('Statistics');
    expect(
      screen.getByText(
        'Median 28.0 s, 90th percentile 59.0 s, over 2 decisions (first shown to first decision).',
      ),
    ).toBeInTheDocument();
    const officers = screen.getByRole('table', { name: 'Workload per officer' });
    expect(within(officers).getByRole('row', { name: /Alex Moss \(PC100\) 2 1 1/ })).toBeInTheDocument();
    expect(within(officers).getByRole('row', { name: /Jo Kerr \(PC200\) 1 1 0/ })).toBeInTheDocument();
    const cameras = screen.getByRole('table', { name: 'False alerts per camera' });
    expect(cameras).not.toHaveClass('visually-hidden');
    expect(within(cameras).getByRole('row', { name: 'Camera North 2 1 1' })).toBeInTheDocument();
    expect(screen.getByText(/1 alert refused at intake, of which 1 outside/)).toBeInTheDocument();
    // Refusals in words: what each kind means, and the reason the station gave (issue 10).
    const refused = screen.getByRole('table', { name: 'Rejected alerts by reason' });
    expect(
      within(refused).getByRole('rowheader', {
        name: 'Captured outside the authorised window of the deployment',
      }),
    ).toBeInTheDocument();
    expect(within(refused).getByText('before startsAt')).toBeInTheDocument();
    expect(screen.getByText('Low threshold')).toBeInTheDocument();
  });
});

describe('replay accessibility (axe-core)', () => {
  it('the deployments list has no serious violations', async () => {
    noCanvas();
    const { container, fake } = await renderApp(supervisorSnapshot());
    fake.bridge.listDeployments.mockResolvedValue({
      ok: true,
      deployments: [listing(), listing({ key: 'import:x', integrity: TAMPERED, title: 'Other' })],
    });
    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Sections' })).getByRole('button', { name: 'Replay' }),
    );
    await flush();
    expect(screen.getByRole('table', { name: 'Deployments' })).toBeInTheDocument();
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('every screen of a tampered replay has no serious violations', async () => {
    const { container } = await openFixtureReplay(makeReplay({ integrity: TAMPERED }));
    selectNorthAt(310_000);
    expect(screen.getByRole('heading', { name: /Decision as recorded/ })).toBeInTheDocument();
    expect(await seriousViolations(container)).toEqual([]);
    view('Statistics');
    expect(await seriousViolations(container)).toEqual([]);
    view('Report and exports');
    expect(await seriousViolations(container)).toEqual([]);
    // Four full axe runs: over the 5 s default when every suite shares two cores.
  }, 20_000);
});
