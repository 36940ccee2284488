/**
 * Repeats handled as repeats (issue 22, item 4): under a lead decided No engage, the
 * waiting alerts on the same watchlist entry and image (shared/repeats.ts) as a strip of
 * their probe faces. A face counts as shown once it has loaded (alertShown, as for any
 * alert); its "Same as lead: no engage" waits for its own look time; key c confirms the
 * first ready one. "Open" takes a repeat that looks different to its full decision. The
 * core checks every rule again (station/repeats.ts through the one decision path).
 */
import { refusedText } from '../../../shared/request-refusals';
import { useContext, useEffect } from 'react';
import { defineMessages, useIntl, type IntlShape } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import { leadFor, repeatsOf } from '../../../shared/repeats';
import type { StationAlert } from '../../../shared/view';
import { getBridge, imageSrc } from '../bridge';
import {
  selectOpenAlert,
  steppedNow,
  useStation,
  useStationNow,
  useStationStore,
  type StationUiState,
} from '../state';
import {
  RoomBridgeContext,
  roomActions,
  useRoomActions,
  useRoomBridge,
  type RoomBridge,
} from './room-actions';

/** Faces shown at once (bench/scripted-officer.ts models the same). */
const STRIP_FACES = 8;
/** The strip's clock step: its buttons and key c agree on which faces are ready. */
const STRIP_STEP_MS = 250;

const m = messageTable(
  defineMessages({
    heading: {
      id: 'room.repeats.heading',
      defaultMessage:
        '{count, plural, one {# repeat} other {# repeats}} on the same watchlist entry as alert #{seq}',
      description: 'Heading of the strip of repeats under a lead decided No engage',
    },
    face: {
      id: 'room.repeats.face',
      defaultMessage: 'Probe image of alert #{seq}',
      description: 'Alternative text of a probe face in the repeat strip',
    },
    confirm: {
      id: 'room.repeats.confirm',
      defaultMessage: 'Same as lead: no engage',
      description: 'Button: record the same No engage as the lead for this repeat (key c)',
    },
    looking: {
      id: 'room.repeats.looking',
      defaultMessage: 'Look {seconds} s more',
      description: 'The repeat face has not been on screen for the look time yet',
    },
    open: {
      id: 'room.repeats.open',
      defaultMessage: 'Open alert #{seq}',
      description: 'Button: open a repeat that looks different, to decide it in full',
    },
  }),
);

const readyAt = (a: StationAlert, dwellMs: number) =>
  a.shownAt ? Date.parse(a.shownAt) + dwellMs : Infinity;

/**
 * The open alert's lead and the first of its strip's repeats whose look time has passed,
 * read from the store at the moment of asking (the key press), not from what is drawn.
 */
function nextReadyRepeat(s: StationUiState): { lead: StationAlert; repeat: StationAlert } | null {
  const open = selectOpenAlert(s);
  const lead = open && leadFor(open, s.alerts.values());
  if (!lead) return null;
  const dwellMs = s.station?.settings.dwellMs ?? 0;
  const repeat = repeatsOf(lead, s.alerts.values())
    .slice(0, STRIP_FACES)
    .find((a) => readyAt(a, dwellMs) <= steppedNow(s, STRIP_STEP_MS));
  return repeat ? { lead, repeat } : null;
}

/** Confirms a repeat as the lead's No engage; the core's refusal, if any, shows in the strip. */
function confirmRepeat(bridge: RoomBridge, intl: IntlShape, repeat: StationAlert, lead: StationAlert) {
  void bridge.confirmRepeat({ alertId: repeat.alertId, leadAlertId: lead.alertId }).then((res) => {
    const text = res.ok ? null : refusedText(intl, res);
    roomActions.setState({ repeatProblem: text === null ? null : { leadAlertId: lead.alertId, text } });
  });
}

/**
 * Key c ("confirm the next ready repeat") for as long as live review is on screen. It is
 * registered by the review itself, not by the strip: the strip is drawn in the side's
 * deferred render, and a key pressed before that render (a busy machine, the screen just
 * moved on to the next repeat) must still act on the store as it is.
 */
export function useRepeatShortcut() {
  const store = useStationStore();
  const intl = useIntl();
  // The bridge is fetched at the key press: a screen without one (a component test) never asks.
  const contextBridge = useContext(RoomBridgeContext);
  useEffect(() => {
    roomActions.setState({
      confirmNextRepeat: () => {
        const next = nextReadyRepeat(store.getState());
        if (!next) return false;
        confirmRepeat(contextBridge ?? getBridge(), intl, next.repeat, next.lead);
        return true;
      },
    });
    return () => roomActions.setState({ confirmNextRepeat: null, repeatProblem: null });
  }, [store, intl, contextBridge]);
}

/** Under the open alert: the strip of its lead's repeats (the open alert is the lead, or one of them). */
export function RepeatStrip({ alert }: { alert: StationAlert }) {
  const alerts = useStation((s) => s.alerts);
  const lead = leadFor(alert, alerts.values());
  return lead ? <Strip lead={lead} alerts={alerts} /> : null;
}

function Strip({ lead, alerts }: { lead: StationAlert; alerts: ReadonlyMap<string, StationAlert> }) {
  const intl = useIntl();
  const dwellMs = useStation((s) => s.station?.settings.dwellMs ?? 0);
  const openAlert = useStation((s) => s.openAlert);
  const now = useStationNow(STRIP_STEP_MS);
  const bridge = useRoomBridge();
  const problem = useRoomActions((s) =>
    s.repeatProblem?.leadAlertId === lead.alertId ? s.repeatProblem.text : null,
  );
  const repeats = repeatsOf(lead, alerts.values()).slice(0, STRIP_FACES);
  if (repeats.length === 0) return null;
  return (
    <section className="panel repeat-strip" aria-labelledby="repeat-strip-heading">
      <h2 id="repeat-strip-heading">
        {intl.formatMessage(m.heading, { count: repeatsOf(lead, alerts.values()).length, seq: lead.seq })}
      </h2>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      <ul className="repeat-faces">
        {repeats.map((a) => {
          // Not yet loaded: its look time has not started.
          const left = a.shownAt ? readyAt(a, dwellMs) - now : Math.max(1000, dwellMs);
          return (
            <li key={a.alertId} data-alert-id={a.alertId}>
              {a.probe.url && (
                <img
                  src={imageSrc(a.probe.url)}
                  alt={intl.formatMessage(m.face, { seq: a.seq })}
                  width={96}
                  onLoad={() => void bridge.alertShown({ alertId: a.alertId })}
                  onError={() => void bridge.alertShown({ alertId: a.alertId, notShown: ['probe'] })}
                />
              )}
              <button type="button" disabled={left > 0} onClick={() => confirmRepeat(bridge, intl, a, lead)}>
                {left > 0
                  ? intl.formatMessage(m.looking, { seconds: Math.ceil(left / 1000) })
                  : intl.formatMessage(m.confirm)}
              </button>
              <button type="button" onClick={() => openAlert(a.alertId)}>
                {intl.formatMessage(m.open, { seq: a.seq })}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
