/**
 * Issue 26: the supervisor chooses the language of each report in the Exports panel
 * ("Report language": English, Cymraeg, Both (Dwyieithog)); the choice goes with the PDF
 * and CSV requests, never with a bundle, and English (the station's default) is not sent.
 * A supervisor working in Welsh starts from Welsh.
 */
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StationBridge } from '../../shared/contract';
import { useLocaleStore } from '../../renderer/src/i18n/locale-store';
import { flush } from './fixtures';
import { openFixtureReplay } from './replay-fixtures';

afterEach(() => {
  vi.restoreAllMocks();
  delete window.station;
  useLocaleStore.getState().chooseLocale('en-GB');
});

async function exportsPanel() {
  window.station = {} as StationBridge;
  const { fake } = await openFixtureReplay();
  fake.bridge.exportReplay.mockResolvedValue({ ok: true, path: '/exports/dep-1.pdf', bytes: 2048 });
  return fake;
}

describe('the report language', () => {
  it('sends Welsh or both with the PDF and CSV, and nothing with a bundle', async () => {
    const fake = await exportsPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Report and exports' }));
    const chooser = screen.getByRole('combobox', { name: 'Report language' });
    expect(chooser).toHaveValue('en-GB');
    expect(screen.getAllByRole('option').map((o) => [o.textContent, o.getAttribute('lang')])).toEqual([
      ['English', 'en-GB'],
      ['Cymraeg', 'cy'],
      ['Both (Dwyieithog)', null],
    ]);
    fireEvent.change(chooser, { target: { value: 'cy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export PDF report' }));
    await flush();
    expect(fake.bridge.exportReplay).toHaveBeenLastCalledWith({
      key: 'station:dep-1',
      kind: 'pdf',
      language: 'cy',
    });
    fireEvent.change(chooser, { target: { value: 'both' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await flush();
    expect(fake.bridge.exportReplay).toHaveBeenLastCalledWith({
      key: 'station:dep-1',
      kind: 'csv',
      language: 'both',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export bundle' }));
    await flush();
    expect(fake.bridge.exportReplay).toHaveBeenLastCalledWith({ key: 'station:dep-1', kind: 'bundle' });
  });
  it('starts from Welsh for a supervisor working in Welsh, and says so in Welsh', async () => {
    const fake = await exportsPanel();
    // The supervisor turns the screen to Welsh before opening the exports.
    act(() => useLocaleStore.getState().chooseLocale('cy'));
    fireEvent.click(screen.getByRole('button', { name: 'Adroddiad ac allforion' }));
    const chooser = screen.getByRole('combobox', { name: 'Iaith yr adroddiad' });
    expect(chooser).toHaveValue('cy');
    fireEvent.click(screen.getByRole('button', { name: 'Allforio adroddiad PDF' }));
    await flush();
    expect(fake.bridge.exportReplay).toHaveBeenLastCalledWith({
      key: 'station:dep-1',
      kind: 'pdf',
      language: 'cy',
    });
    expect(await screen.findByText(/Cadwyd yn/)).toBeInTheDocument();
  });
});
