/**
 * The supervisor's seat on a shared deployment (issue 22): the backlog alarm, always in
 * view while it stands, and the room (who is at which seat, what each holds, how many wait
 * by tier against the target, escalations) in a disclosure that stays shut until wanted,
 * so the review below keeps its place. The alarm's sound repeats until acknowledged.
 */
import { useEffect } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import { ROLE_MESSAGES, TIER_MESSAGES } from '../../../shared/i18n/glossary';
import type { RoomView } from '../../../shared/view';
import { TIERS, type Tier } from '../../../shared/vocabulary';
import { useStation } from '../state';
import { playChime } from '../sound';
import './room.css';

/** How often the alarm sounds again while nobody has acknowledged it. */
export const ALARM_REPEAT_MS = 10_000;

const m = messageTable(
  defineMessages({
    alarm: {
      id: 'room.alarm.over-target',
      defaultMessage: 'Backlog over target: {tiers}',
      description: 'Alarm at the supervisor seat; tiers is a list such as "Red (oldest 75 s, target 60 s)"',
    },
    alarmTier: {
      id: 'room.alarm.tier',
      defaultMessage: '{tier} (oldest {oldest} s, target {target} s)',
      description: 'One tier in the backlog alarm',
    },
    acknowledge: {
      id: 'room.alarm.acknowledge',
      defaultMessage: 'Acknowledge backlog alarm',
      description: 'Button: the supervisor has seen the backlog alarm; its sound stops',
    },
    acknowledged: {
      id: 'room.alarm.acknowledged',
      defaultMessage: 'Acknowledged; still over target.',
      description: 'After the supervisor acknowledged the backlog alarm, while it still stands',
    },
    summary: {
      id: 'room.summary',
      defaultMessage:
        'Control room: {seats, plural, one {# seat} other {# seats}}, {waiting, plural, one {# alert waits} other {# alerts wait}} for a seat',
      description: 'The disclosure that opens the room view',
    },
    backlogCaption: {
      id: 'room.backlog.caption',
      defaultMessage: 'Waiting for a seat, by tier',
      description: 'Caption of the backlog table',
    },
    tierColumn: { id: 'room.backlog.tier', defaultMessage: 'Tier', description: 'Column heading' },
    waitingColumn: { id: 'room.backlog.waiting', defaultMessage: 'Waiting', description: 'Column heading' },
    oldestColumn: {
      id: 'room.backlog.oldest',
      defaultMessage: 'Oldest',
      description: 'Column heading: oldest wait',
    },
    targetColumn: { id: 'room.backlog.target', defaultMessage: 'Target', description: 'Column heading' },
    seconds: { id: 'room.seconds', defaultMessage: '{s} s', description: 'A duration in seconds' },
    none: { id: 'room.none', defaultMessage: 'none', description: 'No alert of this tier waits' },
    seatsCaption: {
      id: 'room.seats.caption',
      defaultMessage: 'Seats',
      description: 'Caption of the seats table',
    },
    seatColumn: { id: 'room.seats.seat', defaultMessage: 'Seat', description: 'Column heading' },
    personColumn: { id: 'room.seats.person', defaultMessage: 'Person', description: 'Column heading' },
    holdingColumn: { id: 'room.seats.holding', defaultMessage: 'Reviewing', description: 'Column heading' },
    empty: {
      id: 'room.seats.empty',
      defaultMessage: 'Nobody signed in',
      description: 'A seat with nobody at it',
    },
    here: {
      id: 'room.seats.here',
      defaultMessage: '{label} (this seat)',
      description: 'The seat the supervisor sits at',
    },
    holding: {
      id: 'room.seats.holding-one',
      defaultMessage: '{tier} alert, {held}',
      description: 'An alert a seat is reviewing, with how long it has held it',
    },
    nothingHeld: {
      id: 'room.seats.nothing',
      defaultMessage: 'nothing',
      description: 'A seat reviewing no alert',
    },
    escalations: {
      id: 'room.escalations',
      defaultMessage: 'Escalations',
      description: 'Heading: officers asking a supervisor to decide or advise',
    },
    escalation: {
      id: 'room.escalation',
      defaultMessage: '{by}: {note}',
      description: 'One escalation: who asked, and their note',
    },
    unknownTier: {
      id: 'room.tier.unknown',
      defaultMessage: 'Unknown tier',
      description: 'Tier of an alert this seat has not received',
    },
    role: {
      id: 'room.seats.role',
      defaultMessage: '({role})',
      description: 'After a name: officer or supervisor',
    },
    region: {
      id: 'room.region',
      defaultMessage: 'Control room',
      description: 'Name of the supervisor room area',
    },
  }),
);

const secondsOf = (ms: number) => Math.round(ms / 1000);

/** Sounds every ALARM_REPEAT_MS while `on`, starting at once. */
function useRepeatingSound(on: boolean, sound: () => void) {
  useEffect(() => {
    if (!on) return;
    const play = () => {
      try {
        sound();
      } catch {
        // Sound is a courtesy; the banner carries the news.
      }
    };
    play();
    const timer = setInterval(play, ALARM_REPEAT_MS);
    return () => clearInterval(timer);
  }, [on, sound]);
}

const redChime = () => playChime('red');

export function RoomPanel({ alarmSound = redChime }: { alarmSound?: () => void }) {
  const room = useStation((s) => s.station?.room ?? null);
  const soundOn = useStation((s) => s.station?.settings.sound ?? false);
  const acknowledge = useStation((s) => s.acknowledgeBacklog);
  const intl = useIntl();
  useRepeatingSound(Boolean(room?.alarm && !room.alarm.acknowledged && soundOn), alarmSound);
  if (!room) return null;
  return (
    <section className="room" aria-label={intl.formatMessage(m.region)}>
      {room.alarm && <BacklogAlarm room={room} onAcknowledge={() => void acknowledge()} />}
      <RoomDetails room={room} />
    </section>
  );
}

function BacklogAlarm({ room, onAcknowledge }: { room: RoomView; onAcknowledge: () => void }) {
  const intl = useIntl();
  const alarm = room.alarm;
  if (!alarm) return null;
  const tiers = intl.formatList(
    alarm.tiers.map((t) =>
      intl.formatMessage(m.alarmTier, {
        tier: intl.formatMessage(TIER_MESSAGES[t]),
        oldest: secondsOf(room.backlog[t].oldestMs ?? 0),
        target: secondsOf(room.backlog[t].targetMs),
      }),
    ),
  );
  return (
    <div className="alarm alarm-serious room-alarm" role={alarm.acknowledged ? 'status' : 'alert'}>
      <p>
        <strong>{intl.formatMessage(m.alarm, { tiers })}</strong>
        {alarm.acknowledged && <> {intl.formatMessage(m.acknowledged)}</>}
      </p>
      {!alarm.acknowledged && (
        <button type="button" onClick={onAcknowledge}>
          {intl.formatMessage(m.acknowledge)}
        </button>
      )}
    </div>
  );
}

function RoomDetails({ room }: { room: RoomView }) {
  const intl = useIntl();
  const waiting = TIERS.reduce((n, t) => n + room.backlog[t].waiting, 0);
  const tierName = (t: Tier | null) =>
    t ? intl.formatMessage(TIER_MESSAGES[t]) : intl.formatMessage(m.unknownTier);
  return (
    <details className="room-details">
      <summary>{intl.formatMessage(m.summary, { seats: room.seats.length, waiting })}</summary>
      <table className="room-table">
        <caption>{intl.formatMessage(m.backlogCaption)}</caption>
        <thead>
          <tr>
            <th scope="col">{intl.formatMessage(m.tierColumn)}</th>
            <th scope="col">{intl.formatMessage(m.waitingColumn)}</th>
            <th scope="col">{intl.formatMessage(m.oldestColumn)}</th>
            <th scope="col">{intl.formatMessage(m.targetColumn)}</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((t) => {
            const b = room.backlog[t];
            const over = b.oldestMs !== null && b.oldestMs > b.targetMs;
            return (
              <tr key={t} className={over ? 'over' : undefined}>
                <th scope="row">{tierName(t)}</th>
                <td>{b.waiting}</td>
                <td>
                  {b.oldestMs === null
                    ? intl.formatMessage(m.none)
                    : intl.formatMessage(m.seconds, { s: secondsOf(b.oldestMs) })}
                </td>
                <td>{intl.formatMessage(m.seconds, { s: secondsOf(b.targetMs) })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="room-table">
        <caption>{intl.formatMessage(m.seatsCaption)}</caption>
        <thead>
          <tr>
            <th scope="col">{intl.formatMessage(m.seatColumn)}</th>
            <th scope="col">{intl.formatMessage(m.personColumn)}</th>
            <th scope="col">{intl.formatMessage(m.holdingColumn)}</th>
          </tr>
        </thead>
        <tbody>
          {room.seats.map((seat) => (
            <tr key={seat.stationId}>
              <th scope="row">
                {seat.here ? intl.formatMessage(m.here, { label: seat.label }) : seat.label}
              </th>
              <td>
                {seat.operator ? (
                  <>
                    <bdi>{seat.operator.name}</bdi>
                    {seat.role && (
                      <>
                        {' '}
                        {intl.formatMessage(m.role, { role: intl.formatMessage(ROLE_MESSAGES[seat.role]) })}
                      </>
                    )}
                  </>
                ) : (
                  intl.formatMessage(m.empty)
                )}
              </td>
              <td>
                {seat.holding.length === 0
                  ? intl.formatMessage(m.nothingHeld)
                  : intl.formatList(
                      seat.holding.map((h) =>
                        intl.formatMessage(m.holding, {
                          tier: tierName(h.tier),
                          held:
                            h.heldForMs === null
                              ? ''
                              : intl.formatMessage(m.seconds, { s: secondsOf(h.heldForMs) }),
                        }),
                      ),
                    )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {room.escalations.length > 0 && (
        <>
          <h3>{intl.formatMessage(m.escalations)}</h3>
          <ul className="room-escalations">
            {room.escalations.map((e) => (
              <li key={`${e.alertId}-${e.at}`}>
                {intl.formatMessage(m.escalation, { by: e.by, note: e.note })}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
