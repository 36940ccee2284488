/**
 * A Station (the core's journals, requests and feed handling, without its feed client and
 * bridge) as the integration tests make it: browser mode, not training, no minimum look
 * time unless the test says otherwise, loaded from its folder, and remembered so the test's
 * cleanup closes it. One place, so a new StationOptions field is defaulted once.
 */
import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { Station } from '../../electron/core/station';
import type { StationOptions } from '../../electron/core/station/context';
import { DEFAULT_SETTINGS } from '../../shared/vocabulary';

export async function loadTestStation(
  opened: Station[] | null,
  options: Pick<StationOptions, 'root' | 'signer'> & Partial<StationOptions>,
): Promise<Station> {
  const station = new Station({
    appVersion: 'test',
    training: false,
    mode: 'browser',
    settings: { ...DEFAULT_SETTINGS, dwellMs: 0 },
    ...options,
  });
  opened?.push(station);
  await station.load();
  return station;
}

/**
 * The stations and folders a test file makes, closed and removed after each test: push
 * a station (loadTestStation does, given `stations`) or a folder and it is taken care of.
 */
export function closeStationsAfterEach(): { stations: Station[]; roots: string[] } {
  const stations: Station[] = [];
  const roots: string[] = [];
  afterEach(async () => {
    for (const s of stations.splice(0)) await s.close().catch(() => undefined);
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  });
  return { stations, roots };
}
