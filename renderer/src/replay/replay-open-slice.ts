/** Replay home's half of the store: listing deployments, opening one (with progress), importing a bundle. */
import { connectionHeaders } from '../bridge';
import { buildIndex } from './replay-index';
import { freshReplay, visibleOf } from './replay-fresh';
import { errorText, type ReplaySliceContext, type ReplayUiState } from './replay-types';

type OpenSlice = Pick<ReplayUiState, 'reset' | 'refresh' | 'open' | 'importBundle' | 'close'>;

/** Browser mode: the file's bytes go to the station (same origin, this page's connection key); it answers an upload id. */
async function uploadBundle(
  file: File,
): Promise<{ ok: true; upload: string } | { ok: false; error: string }> {
  const res = await fetch('/bundles', {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': 'application/octet-stream', ...connectionHeaders() },
  });
  const body = (await res.json().catch(() => null)) as { upload?: unknown; error?: unknown } | null;
  if (res.ok && typeof body?.upload === 'string') return { ok: true, upload: body.upload };
  return {
    ok: false,
    error: typeof body?.error === 'string' ? body.error : `the upload failed (HTTP ${res.status})`,
  };
}

export function createOpenSlice({ set, get, bridge, opens }: ReplaySliceContext): OpenSlice {
  return {
    reset(owner) {
      opens.token++;
      set({ owner, ...freshReplay() });
    },

    async refresh() {
      set({ listing: { status: 'busy', error: null } });
      try {
        const res = await bridge.listDeployments({});
        if (res.ok) set({ deployments: res.deployments, listing: { status: 'done', error: null } });
        else set({ listing: { status: 'error', error: res.error } });
      } catch (e) {
        set({ listing: { status: 'error', error: errorText(e) } });
      }
    },

    async open(key) {
      const token = ++opens.token;
      set({ opening: { key, progress: null }, openError: null, playing: false });
      const off = bridge.onReplayProgress((progress) => {
        if (token === opens.token && progress.key === key) set({ opening: { key, progress } });
      });
      try {
        const res = await bridge.openReplay({ key });
        if (token !== opens.token) return;
        if (!res.ok) {
          set({ opening: null, openError: res.error });
          return;
        }
        const index = buildIndex(res.replay);
        // A replay opens at its first alert (selected), not at an empty deployment start.
        const first = index.alerts[0];
        const firstAt = index.receivedTimes[0];
        set({
          ...freshReplay(),
          deployments: get().deployments,
          listing: get().listing,
          replay: res.replay,
          index,
          visible: visibleOf(index, {}),
          time:
            first && firstAt !== undefined ? Math.min(index.to, Math.max(index.from, firstAt)) : index.from,
          selectedId: first?.alertId ?? null,
        });
      } catch (e) {
        if (token === opens.token) set({ opening: null, openError: errorText(e) });
      } finally {
        off();
      }
    },

    async importBundle(file) {
      set({ importing: { status: 'busy', error: null } });
      try {
        let request: { upload?: string } = {};
        if (file) {
          const sent = await uploadBundle(file);
          if (!sent.ok) {
            set({ importing: { status: 'error', error: sent.error } });
            return;
          }
          request = { upload: sent.upload };
        }
        const res = await bridge.importBundle(request);
        if (!res.ok) {
          set({ importing: { status: 'error', error: res.error } });
          return;
        }
        set({ importing: { status: 'done', error: null } });
        await get().refresh();
        await get().open(res.key);
      } catch (e) {
        set({ importing: { status: 'error', error: errorText(e) } });
      }
    },

    close() {
      opens.token++;
      set({ ...freshReplay(), deployments: get().deployments, listing: get().listing });
      void get().refresh();
    },
  };
}
