/** How the faces are looked at: one zoom, pan, brightness and contrast for both, and the comparison mode. */
import { refusedWords } from '../i18n/refused';
import { screenIntl } from '../i18n/screen-intl';
import type { SliceContext, ViewState, ViewerSlice } from './types';

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 6;
const TONE_STEP = 10;
export const TONE_MIN = 50;
export const TONE_MAX = 200;

/**
 * The view for a newly opened alert: zoom and pan reset (they belong to one pair of
 * images), while the officer's tone and comparison choices carry over.
 */
export function initialView(previous?: ViewState): ViewState {
  return {
    zoom: 1,
    panX: 0,
    panY: 0,
    showScene: false,
    brightness: previous?.brightness ?? 100,
    contrast: previous?.contrast ?? 100,
    compare: previous?.compare ?? 'side-by-side',
    mix: 50,
  };
}

export function createViewerSlice({ set, get, bridge }: SliceContext): ViewerSlice {
  const patch = (p: Partial<ViewState>) => set({ view: { ...get().view, ...p } });
  return {
    view: initialView(),
    setView: patch,
    zoomBy(factor) {
      const view = get().view;
      const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
      // Back at 1x the images fit their frames again, so any pan is dropped.
      patch(zoom === 1 ? { zoom, panX: 0, panY: 0 } : { zoom });
    },
    resetView: () => patch({ zoom: 1, panX: 0, panY: 0 }),
    toggleScene: () => patch({ showScene: !get().view.showScene }),
    stepTone(which, step) {
      const value = get().view[which] + step * TONE_STEP;
      patch({ [which]: Math.min(TONE_MAX, Math.max(TONE_MIN, value)) });
    },
    resetTone: () => patch({ brightness: 100, contrast: 100 }),
    openImageWindow: (alertId) =>
      bridge.openImageWindow({ alertId }).then(
        (result) => (result.ok ? null : refusedWords(result)),
        () =>
          screenIntl().formatMessage({
            id: 'live.viewer.window-failed',
            defaultMessage: 'the image window could not be opened',
            description: 'Error beside the Open images in a new window button',
          }),
      ),
    followInImageWindow(alertId) {
      void bridge.viewerFollow({ alertId }).catch(() => undefined);
    },
    onViewerFollow: (listener) => bridge.onViewerFollow((follow) => listener(follow.alertId)),
  };
}
