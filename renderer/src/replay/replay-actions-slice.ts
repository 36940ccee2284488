/**
 * What a supervisor asks main to record or make from an open replay: a review, an export,
 * a legal hold, a trusted key. Each answer is kept for the panel that asked; the words are
 * in the language on screen when the answer came.
 */
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from 'react-intl';
import { screenIntl } from '../i18n/screen-intl';
import {
  errorText,
  type ExportAnswer,
  type Pending,
  type ReplaySliceContext,
  type ReplayUiState,
} from './replay-types';

type ActionsSlice = Pick<
  ReplayUiState,
  'submitReview' | 'exportAs' | 'setLegalHold' | 'listArchive' | 'enrolKey'
>;

const M = messageTable(
  defineMessages({
    holdPlaced: {
      id: 'reports.hold.placed',
      defaultMessage: 'Legal hold placed.',
      description: 'The hold was journalled',
    },
    holdReleased: {
      id: 'reports.hold.released',
      defaultMessage: 'Legal hold released.',
      description: 'The release was journalled',
    },
    keyNamed: {
      id: 'reports.trust.key-named',
      defaultMessage: 'station {station}, key {fingerprint}{labelled, select, yes { ({label})} other {}}',
      description: 'A station key: its station, fingerprint and label (labelled: yes when it has one)',
    },
    enrolled: {
      id: 'reports.trust.enrolled',
      defaultMessage: 'Enrolled {key}.',
      description: 'The key was enrolled',
    },
    already: {
      id: 'reports.trust.already',
      defaultMessage: 'Already on the trust list: {key}.',
      description: 'The key was already trusted',
    },
    openAgain: {
      id: 'reports.trust.open-again',
      defaultMessage: ' Open the bundle again to verify it against the trust list.',
      description: 'After enrolling an imported bundle’s key (starts with a space)',
    },
  }),
);

export function createActionsSlice({ set, get, bridge, download }: ReplaySliceContext): ActionsSlice {
  return {
    async submitReview({ alertId, revision, verdict, comment }) {
      const replay = get().replay;
      if (!replay || get().review?.status === 'busy') return;
      set({ review: { status: 'busy', error: null, alertId } });
      try {
        const res = await bridge.supervisorReview({ key: replay.key, alertId, revision, verdict, comment });
        if (!res.ok) {
          set({ review: { status: 'error', error: res.error, alertId } });
          return;
        }
        set({
          review: { status: 'done', error: null, alertId },
          extraReviews: [...get().extraReviews, res.review],
        });
      } catch (e) {
        set({ review: { status: 'error', error: errorText(e), alertId } });
      }
    },

    async exportAs(kind, includeImages, language = 'en-GB') {
      const replay = get().replay;
      if (!replay) return;
      const put = (v: Pending & ExportAnswer) => set({ exports: { ...get().exports, [kind]: v } });
      put({ status: 'busy', error: null, path: null, bytes: null });
      try {
        const request = {
          key: replay.key,
          kind,
          ...(kind === 'pdf' && includeImages ? { includeImages: true } : {}),
          // English is the station's default: only another choice is sent.
          ...(kind !== 'bundle' && language !== 'en-GB' ? { language } : {}),
        };
        if (download) {
          const got = await download(request);
          if (got.ok)
            put({ status: 'done', error: null, path: got.path, bytes: got.bytes, downloaded: got.fileName });
          else put({ status: 'error', error: got.error, path: null, bytes: null });
          return;
        }
        const res = await bridge.exportReplay(request);
        if (res.ok)
          put({
            status: 'done',
            error: null,
            path: res.path,
            bytes: res.bytes,
            ...(res.savedTo !== undefined ? { savedTo: res.savedTo } : {}),
          });
        else put({ status: 'error', error: res.error, path: null, bytes: null });
      } catch (e) {
        put({ status: 'error', error: errorText(e), path: null, bytes: null });
      }
    },

    async setLegalHold(deploymentId, active, reason) {
      set({ hold: { status: 'busy', error: null, message: null } });
      try {
        const res = await bridge.setLegalHold({ deploymentId, active, reason });
        if (!res.ok) {
          set({ hold: { status: 'error', error: res.error, message: null } });
          return;
        }
        const message = screenIntl().formatMessage(active ? M.holdPlaced : M.holdReleased);
        set({ hold: { status: 'done', error: null, message } });
        await get().refresh();
      } catch (e) {
        set({ hold: { status: 'error', error: errorText(e), message: null } });
      }
    },

    listArchive: () => bridge.listArchiveDeployments({}),

    async enrolKey({ line, key, label }) {
      set({ enrolment: { status: 'busy', error: null, message: null } });
      try {
        const res = await bridge.enrolStationKey({
          ...(line !== undefined ? { line } : {}),
          ...(key !== undefined ? { key } : {}),
          ...(label.trim() ? { label: label.trim() } : {}),
        });
        if (!res.ok) {
          set({ enrolment: { status: 'error', error: res.error, message: null } });
          return;
        }
        const intl = screenIntl();
        const what = intl.formatMessage(M.keyNamed, {
          station: res.stationId,
          fingerprint: res.fingerprint,
          labelled: res.label ? 'yes' : 'no',
          label: res.label ?? '',
        });
        const message =
          intl.formatMessage(res.added ? M.enrolled : M.already, { key: what }) +
          (key ? intl.formatMessage(M.openAgain) : '');
        set({ enrolment: { status: 'done', error: null, message } });
        // Verdicts in the list are worked out against the trust list: show them anew.
        await get().refresh();
      } catch (e) {
        set({ enrolment: { status: 'error', error: errorText(e), message: null } });
      }
    },
  };
}
