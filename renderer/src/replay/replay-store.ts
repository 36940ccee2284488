/**
 * The supervisor's replay screens: which deployments there are, the one open, where the
 * playhead is, what is selected and filtered, and the answers main gave to reviews,
 * exports and legal holds. Nothing here decides what is on record; main journals it.
 * Put together from slices like the live store (renderer/src/state/*-slice.ts).
 */
import { createStore } from 'zustand/vanilla';
import type { StationBridge } from '../../../shared/contract';
import type { ExportDownload } from './export-download';
import { createActionsSlice } from './replay-actions-slice';
import { freshReplay } from './replay-fresh';
import { createOpenSlice } from './replay-open-slice';
import { createPlaybackSlice } from './replay-playback-slice';
import type { ReplaySliceContext, ReplayStore, ReplayUiState } from './replay-types';

export { SPEEDS } from './replay-types';
export type { ExportKind, Pending, ReplaySection, ReplayStore, ReplayUiState, Speed } from './replay-types';

/** `download`: browser mode's export, handed over as a file download (export-download.ts). */
export function createReplayStore(bridge: StationBridge, download?: ExportDownload): ReplayStore {
  return createStore<ReplayUiState>()((set, get) => {
    const ctx: ReplaySliceContext = { set, get, bridge, download, opens: { token: 0 } };
    return {
      owner: null,
      ...freshReplay(),
      ...createOpenSlice(ctx),
      ...createPlaybackSlice(ctx),
      ...createActionsSlice(ctx),
    };
  });
}
