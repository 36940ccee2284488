/** The open replay's half of the store: the view, the playhead, stepping, selection and filters. */
import { replayLineText } from '../../../shared/replay-lines';
import { placedMs, placedReceivedMs } from '../../../shared/replay-placed';
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from 'react-intl';
import type { ReplayFilter } from '../../../shared/replay';
import { screenIntl } from '../i18n/screen-intl';
import { nearestAlert, stepEvent } from './replay-index';
import { visibleOf } from './replay-fresh';
import type { ReplaySliceContext, ReplayUiState } from './replay-types';
import { whenIn } from './when';

type PlaybackSlice = Pick<
  ReplayUiState,
  | 'setSection'
  | 'scrub'
  | 'advance'
  | 'togglePlay'
  | 'setSpeed'
  | 'step'
  | 'selectAlert'
  | 'selectNearest'
  | 'setFilter'
  | 'clearFilter'
>;

const M = messageTable(
  defineMessages({
    noLater: {
      id: 'reports.playback.no-later',
      defaultMessage: 'No later event.',
      description: 'Announced when stepping forward past the last event',
    },
    noEarlier: {
      id: 'reports.playback.no-earlier',
      defaultMessage: 'No earlier event.',
      description: 'Announced when stepping back before the first event',
    },
    stepped: {
      id: 'reports.playback.stepped',
      defaultMessage: '{time}: {summary}',
      description: 'Announced on stepping to an event: its time and what happened',
    },
  }),
);

export function createPlaybackSlice({ set, get }: ReplaySliceContext): PlaybackSlice {
  return {
    setSection: (section) => set({ section, playing: false }),

    scrub(time) {
      const index = get().index;
      if (!index) return;
      set({ time: Math.min(index.to, Math.max(index.from, time)), cursor: null });
    },

    advance(elapsedMs) {
      const { index, time, speed, playing } = get();
      if (!index || !playing) return;
      const next = Math.min(index.to, time + elapsedMs * speed);
      set({ time: next, cursor: null, playing: next < index.to });
    },

    togglePlay() {
      const { index, playing, time } = get();
      if (!index) return;
      if (playing) set({ playing: false });
      // Play from the end starts again from the beginning.
      else set({ playing: true, time: time >= index.to ? index.from : time, cursor: null });
    },

    setSpeed: (speed) => set({ speed }),

    step(direction) {
      const { index, time, cursor, visible, selectedId } = get();
      if (!index) return;
      // Spoken in the language on screen when the step is made.
      const intl = screenIntl();
      const i = stepEvent(index, time, cursor, direction, visible?.ids ?? null);
      const event = i === null ? undefined : index.events[i];
      if (i === null || !event) {
        set({ announcement: intl.formatMessage(direction === 1 ? M.noLater : M.noEarlier) });
        return;
      }
      set({
        time: placedMs(event),
        cursor: i,
        playing: false,
        selectedId: event.alertId ?? selectedId,
        announcement: intl.formatMessage(M.stepped, {
          time: whenIn(intl.locale).time(event.at),
          summary: event.line ? replayLineText(intl, event.line) : event.summary,
        }),
      });
    },

    selectAlert(alertId) {
      const { index, time } = get();
      const alert = index?.byId.get(alertId);
      if (!index || !alert) return;
      // An alert is only shown once it has arrived; selecting a later one moves time to it.
      const received = placedReceivedMs(alert);
      set({ selectedId: alertId, ...(received > time ? { time: received, cursor: null } : {}) });
    },

    selectNearest(time, among, times) {
      const visible = get().visible;
      if (!visible) return;
      const alert = nearestAlert(among ?? visible.alerts, times ?? visible.times, time);
      if (alert) get().selectAlert(alert.alertId);
    },

    setFilter(patch) {
      const { index } = get();
      const filter = { ...get().filter, ...patch };
      for (const k of Object.keys(filter) as (keyof ReplayFilter)[])
        if (filter[k] === undefined) delete filter[k];
      set({ filter, cursor: null, ...(index ? { visible: visibleOf(index, filter) } : {}) });
    },
    clearFilter() {
      const { index } = get();
      set({ filter: {}, cursor: null, ...(index ? { visible: visibleOf(index, {}) } : {}) });
    },
  };
}
