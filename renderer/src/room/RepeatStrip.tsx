/**
 * Repeats handled as repeats (issue 22, item 4): under a lead decided No engage, the
 * waiting alerts on the same watchlist entry and image (shared/repeats.ts) as a strip of
 * their probe faces. A face counts as shown once it has loaded (alertShown, as for any
 * alert); its "Same as lead: no engage" waits for its own look time; key c confirms the
 * first ready one. "Open" takes a repeat that looks different to its full decision. The
 * core checks every rule again (station/repeats.ts through the one decision path).
 */
import { refusedText } from '../../../shared/request-refusals';
import { useEffect, useState } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import { leadFor, repeatsOf } from '../../../shared/repeats';
import type { StationAlert } from '../../../shared/view';
import { imageSrc } from '../bridge';
import { useStation, useStationNow } from '../state';
import { roomActions, useRoomBridge } from './room-actions';

/** Faces shown at once (bench/scripted-officer.ts models the same). */
const STRIP_FACES = 8;

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
  const now = useStationNow(250);
  const bridge = useRoomBridge();
  const [problem, setProblem] = useState<string | null>(null);
  const repeats = repeatsOf(lead, alerts.values()).slice(0, STRIP_FACES);
  const readyAt = (a: StationAlert) => (a.shownAt ? Date.parse(a.shownAt) + dwellMs : Infinity);
  const confirm = (a: StationAlert) => {
    void bridge.confirmRepeat({ alertId: a.alertId, leadAlertId: lead.alertId }).then((res) => {
      setProblem(res.ok ? null : refusedText(intl, res));
    });
  };
  const firstReady = repeats.find((a) => readyAt(a) <= now);
  useEffect(() => {
    roomActions.setState({
      confirmNextRepeat: firstReady
        ? () => {
            confirm(firstReady);
            return true;
          }
        : null,
    });
    return () => roomActions.setState({ confirmNextRepeat: null });
  });
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
          const left = a.shownAt ? readyAt(a) - now : Math.max(1000, dwellMs);
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
              <button type="button" disabled={left > 0} onClick={() => confirm(a)}>
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
