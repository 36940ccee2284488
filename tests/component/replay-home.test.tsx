import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResponseMap } from '../../shared/contract';
import { flush, makeSnapshot, renderApp } from './fixtures';
import {
  TAMPERED,
  integrity,
  listing,
  makeReplay,
  noCanvas,
  openFixtureReplay,
  supervisorSnapshot,
} from './replay-fixtures';

const sections = () => screen.getByRole('navigation', { name: 'Sections' });
const goToReplay = async () => {
  fireEvent.click(within(sections()).getByRole('button', { name: 'Replay' }));
  await flush();
};

afterEach(() => vi.restoreAllMocks());

describe('replay navigation and deployments', () => {
  it('offers Replay to a supervisor and not to an officer', async () => {
    const officer = await renderApp(makeSnapshot());
    expect(screen.queryByRole('navigation', { name: 'Sections' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Replay' })).not.toBeInTheDocument();
    officer.unmount();

    await renderApp(supervisorSnapshot());
    const nav = sections();
    expect(within(nav).getByRole('button', { name: 'Live review' })).toHaveAttribute('aria-current', 'page');
    await goToReplay();
    expect(within(nav).getByRole('button', { name: 'Replay' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { name: 'Deployments to replay' })).toBeInTheDocument();
    // Live review's queue is gone while replaying.
    expect(screen.queryByRole('navigation', { name: 'Alerts' })).not.toBeInTheDocument();
  });

  it('lists deployments with integrity and legal hold, and Open asks main for that replay', async () => {
    const { fake } = await renderApp(supervisorSnapshot());
    fake.bridge.listDeployments.mockResolvedValue({
      ok: true,
      deployments: [
        listing(),
        listing({
          key: 'import:bundle-7',
          source: 'import',
          deploymentId: 'dep-7',
          title: 'Station Road',
          training: true,
          integrity: TAMPERED,
          legalHold: {
            reason: 'Complaint 2025/14',
            by: { id: 'SGT1', name: 'Sam Reid' },
            at: '2025-06-02T09:00:00Z',
          },
        }),
      ],
    });
    await goToReplay();
    expect(fake.bridge.listDeployments).toHaveBeenCalledWith({});
    const table = screen.getByRole('table', { name: 'Deployments' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Not verified yet')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('dep-1')).toBeInTheDocument();
    expect(
      within(rows[1]!).getByText('Tampered at seq 7: hash does not match the entry'),
    ).toBeInTheDocument();
    expect(within(rows[1]!).getByText('On hold: Complaint 2025/14')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Training')).toBeInTheDocument();

    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Open Station Road' }));
    expect(fake.bridge.openReplay).toHaveBeenCalledWith({ key: 'import:bundle-7' });
    await flush();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not open the replay: no replay in this fixture',
    );

    fake.bridge.listDeployments.mockClear();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await flush();
    expect(fake.bridge.listDeployments).toHaveBeenCalledTimes(1);
  });

  it('shows a progress bar fed by replayProgress until the replay arrives', async () => {
    noCanvas();
    const { fake } = await renderApp(supervisorSnapshot());
    fake.bridge.listDeployments.mockResolvedValue({ ok: true, deployments: [listing()] });
    let answer: (r: ResponseMap['openReplay']) => void = () => undefined;
    fake.bridge.openReplay.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    await goToReplay();
    fireEvent.click(screen.getByRole('button', { name: 'Open High Street, Saturday' }));

    const bar = screen.getByRole('progressbar', { name: 'Loading replay' });
    expect(bar).not.toHaveAttribute('value');
    fake.progress({ key: 'station:dep-1', phase: 'verifying', done: 2500, total: 10000 });
    expect(bar).toHaveAttribute('value', '2500');
    expect(bar).toHaveAttribute('max', '10000');
    expect(screen.getByText('Verifying the journal and its images')).toBeInTheDocument();
    // Progress for another replay is not this one's.
    fake.progress({ key: 'station:other', phase: 'loading', done: 9, total: 10 });
    expect(bar).toHaveAttribute('value', '2500');
    fake.progress({ key: 'station:dep-1', phase: 'loading', done: 9000, total: 10000 });
    expect(screen.getByText('9,000 of 10,000 entries loaded')).toBeInTheDocument();
    // Nothing of the replay is shown before it is verified and loaded.
    expect(screen.queryByRole('heading', { name: 'Timeline' })).not.toBeInTheDocument();

    await act(async () => answer({ ok: true, replay: makeReplay() }));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Timeline' })).toBeInTheDocument();
    expect(screen.getByText('Verified')).toBeInTheDocument();
  });

  it('browser mode: uploads the chosen file, imports it by upload id, refreshes the list and opens it', async () => {
    noCanvas();
    const { fake } = await renderApp(supervisorSnapshot());
    await goToReplay();
    fireEvent.click(screen.getByRole('button', { name: 'Import bundle' }));
    expect(fake.bridge.importBundle).not.toHaveBeenCalled();
    expect(screen.getByText('Choose a bundle file.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /path/i })).not.toBeInTheDocument();

    const upload = 'f'.repeat(32);
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => ({
      ok: true,
      status: 200,
      json: async () => ({ ok: true, upload }),
    }));
    vi.stubGlobal('fetch', fetchMock);
    fake.bridge.importBundle.mockResolvedValue({ ok: true, key: 'import:b1' });
    fake.bridge.openReplay.mockResolvedValue({
      ok: true,
      replay: { ...makeReplay(), key: 'import:b1', source: 'import' },
    });
    fake.bridge.listDeployments.mockClear();
    const file = new File([new Uint8Array([0x1f, 0x8b, 8])], 'dep-1.lfrbundle');
    fireEvent.change(screen.getByLabelText('Bundle file'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import bundle' }));
    await flush();
    await flush();
    await flush();
    expect(fetchMock).toHaveBeenCalledWith(
      '/bundles',
      // No cookie to send (issue 21): the connection's key goes in a header when there is one.
      expect.objectContaining({ method: 'POST', body: file }),
    );
    // The import request carries the upload id, never a path.
    expect(fake.bridge.importBundle).toHaveBeenCalledWith({ upload });
    expect(fake.bridge.listDeployments).toHaveBeenCalled();
    expect(fake.bridge.openReplay).toHaveBeenCalledWith({ key: 'import:b1' });
    expect(await screen.findByText('imported bundle', { exact: false })).toBeInTheDocument();
    vi.unstubAllGlobals();
  });

  it('browser mode: says why an upload was refused', async () => {
    noCanvas();
    const { fake } = await renderApp(supervisorSnapshot());
    await goToReplay();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => ({
        ok: false,
        status: 507,
        json: async () => ({ ok: false, error: 'there is not enough free disk space for that bundle' }),
      })),
    );
    fireEvent.change(screen.getByLabelText('Bundle file'), {
      target: { files: [new File(['x'], 'big.lfrbundle')] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import bundle' }));
    expect(await screen.findByText(/Import failed: there is not enough free disk space/)).toBeInTheDocument();
    expect(fake.bridge.importBundle).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('Electron: asks main to choose the file (no file field, no path in the request)', async () => {
    noCanvas();
    const { fake } = await renderApp(supervisorSnapshot());
    Object.assign(window, { station: fake.bridge });
    try {
      await goToReplay();
      expect(screen.queryByLabelText('Bundle file')).not.toBeInTheDocument();
      fake.bridge.importBundle.mockResolvedValue({ ok: false, error: 'no bundle was chosen' });
      fireEvent.click(screen.getByRole('button', { name: 'Import bundle' }));
      expect(await screen.findByText('Import failed: no bundle was chosen')).toBeInTheDocument();
      expect(fake.bridge.importBundle).toHaveBeenCalledWith({});
    } finally {
      delete window.station;
    }
  });

  it('shows the purged badge for a journal whose images were deleted under retention', async () => {
    await openFixtureReplay(
      makeReplay({
        integrity: integrity({ status: 'purged', images: { checked: 9, purged: 3, missing: 0, altered: 0 } }),
      }),
    );
    expect(screen.getByText('Images purged under retention')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('carries the tamper warning on every replay screen', async () => {
    await openFixtureReplay(makeReplay({ integrity: TAMPERED }));
    const views = screen.getByRole('navigation', { name: 'Replay views' });
    const warning =
      'This journal failed verification at seq 7 (hash does not match the entry). What follows may not be what happened.';
    for (const name of ['Timeline', 'Statistics', 'Report and exports']) {
      fireEvent.click(within(views).getByRole('button', { name }));
      expect(within(views).getByRole('button', { name })).toHaveAttribute('aria-current', 'page');
      expect(screen.getByRole('alert')).toHaveTextContent(warning);
      expect(screen.getAllByText('Tampered at seq 7: hash does not match the entry').length).toBeGreaterThan(
        0,
      );
    }
  });
});
