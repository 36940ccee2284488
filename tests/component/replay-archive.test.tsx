import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flush, renderApp } from './fixtures';
import { makeReplay, noCanvas, supervisorSnapshot } from './replay-fixtures';

const goToReplay = async () => {
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Sections' })).getByRole('button', { name: 'Replay' }),
  );
  await flush();
};

afterEach(() => vi.restoreAllMocks());

describe('the Archive section of the replay home (--archive-reader)', () => {
  it('is not shown when the station reads no archive', async () => {
    const { fake } = await renderApp(supervisorSnapshot());
    await goToReplay();
    expect(fake.bridge.listArchiveDeployments).toHaveBeenCalledWith({});
    expect(screen.queryByRole('heading', { name: 'Archive deployments' })).not.toBeInTheDocument();
  });

  it("lists the archive's deployments with their stations, and Open from archive opens one replay", async () => {
    noCanvas();
    const { fake } = await renderApp(supervisorSnapshot());
    fake.bridge.listArchiveDeployments.mockResolvedValue({
      ok: true,
      deployments: [
        {
          key: 'archive:D7',
          deploymentId: 'D7',
          stations: ['station-A', 'station-B'],
          training: false,
          openedAt: '2026-04-02T09:00:00Z',
          entries: 42,
        },
      ],
    });
    const replay = makeReplay();
    fake.bridge.openReplay.mockResolvedValue({
      ok: true,
      replay: {
        ...replay,
        key: 'archive:D7',
        stations: [
          { stationId: 'station-A', integrity: replay.integrity },
          { stationId: 'station-B', integrity: replay.integrity },
        ],
      },
    });
    await goToReplay();
    expect(screen.getByRole('heading', { name: 'Archive deployments' })).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Archive deployments' });
    expect(within(list).getByText(/station-A, station-B/)).toBeInTheDocument();
    const open = within(list).getByRole('button', { name: 'Open from archive' });
    expect(open).toHaveAccessibleDescription('D7');
    fireEvent.click(open);
    await flush();
    expect(fake.bridge.openReplay).toHaveBeenCalledWith({ key: 'archive:D7' });
    // One replay across the stations: said in its header; no legal hold on this station's journal offered.
    expect(screen.getByText(/the archive, 2 station journals/)).toBeInTheDocument();
    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Replay views' })).getByRole('button', {
        name: 'Report and exports',
      }),
    );
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Legal hold' })).not.toBeInTheDocument();
  });

  it('says so when the archive cannot be read', async () => {
    const { fake } = await renderApp(supervisorSnapshot());
    fake.bridge.listArchiveDeployments.mockResolvedValue({
      ok: false,
      error: 'the archive could not list its deployments: connection refused',
    });
    await goToReplay();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Could not list the archive: .*connection refused/,
    );
  });
});
