/**
 * Issue 22 on screen: key x and the "Escalate" button open the note dialog, an empty note
 * is refused before anything is sent, the note goes to the bridge; "Add note" (key a) the
 * same; the alert's notes are listed. The repeat strip under a lead decided No engage:
 * each repeat's probe face, "Same as lead: no engage" only after that face's own look
 * time, key c confirms the next ready one; in Welsh too.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach } from 'vitest';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { useLocaleStore } from '../../renderer/src/i18n/locale-store';
import { RepeatStrip } from '../../renderer/src/room/RepeatStrip';
import { RoomBridgeContext, closeNoteDialog } from '../../renderer/src/room/room-actions';
import { StationStoreProvider } from '../../renderer/src/state';
import { createStationStore } from '../../renderer/src/state/station-store';
import { leadFor, repeatProblem } from '../../shared/repeats';
import type { RoomView, StationSnapshot } from '../../shared/view';
import {
  fakeBridge,
  flush,
  iso,
  loadImages,
  makeAlert,
  makeDecision,
  makeSnapshot,
  renderApp,
} from './fixtures';

afterEach(() => {
  act(() => closeNoteDialog());
  setBridgeForTests(null);
  useLocaleStore.getState().chooseLocale('en-GB');
});

describe('escalate and notes', () => {
  it('x opens the escalation dialog; an empty note is refused; the note is sent', async () => {
    const alert = makeAlert({ seq: 7, shownAt: iso(0) });
    const { fake } = await renderApp(makeSnapshot({ alerts: [alert] }));
    await userEvent.keyboard('x');
    const dialog = screen.getByRole('dialog', { name: 'Escalate alert #7 to a supervisor' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send escalation' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Write a note first.');
    expect(fake.bridge.escalate).not.toHaveBeenCalled();
    // Keys typed in the note are the note, not shortcuts.
    await userEvent.type(
      within(dialog).getByLabelText('Note (required, up to 500 characters)'),
      'Age looks wrong',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send escalation' }));
    expect(fake.bridge.escalate).toHaveBeenCalledWith({ alertId: alert.alertId, note: 'Age looks wrong' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('"Add note" sends a note; the notes on record are listed; a refusal is shown', async () => {
    const alert = {
      ...makeAlert({ seq: 8, shownAt: iso(0) }),
      officerNotes: [
        { at: iso(5_000), by: { id: 'PC1', name: 'PC Morgan' }, text: 'Hat hides the hairline.' },
      ],
    };
    const { fake } = await renderApp(makeSnapshot({ alerts: [alert] }));
    expect(screen.getByRole('region', { name: 'Notes' })).toHaveTextContent(
      'PC Morgan: Hat hides the hairline.',
    );
    fake.bridge.addNote.mockResolvedValueOnce({ ok: false, error: 'the disk is full' });
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a note to alert #8' });
    await userEvent.type(within(dialog).getByRole('textbox'), 'Glasses');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save note' }));
    expect(fake.bridge.addNote).toHaveBeenCalledWith({ alertId: alert.alertId, note: 'Glasses' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent('the disk is full');
  });

  it('in Welsh', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    await renderApp(makeSnapshot({ alerts: [makeAlert({ seq: 9, shownAt: iso(0) })] }));
    expect(screen.getByRole('button', { name: 'Uwchgyfeirio' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Ychwanegu nodyn' }));
    expect(screen.getByRole('dialog', { name: 'Ychwanegu nodyn at rybudd #9' })).toBeInTheDocument();
  });
});

const subject = { entryId: 'E1', image: { sha256: 'a'.repeat(64) } };

/** Alert #1 on entry E1, decided No engage a minute ago: the lead of the strip's repeats. */
const decidedLead = () =>
  makeAlert({
    seq: 1,
    status: 'decided',
    shownAt: iso(-60_000),
    subject,
    decisions: [makeDecision({ decision: 'no-engage' })],
  });

async function renderStrip(dwellMs = 2000, openRepeat = false) {
  const lead = decidedLead();
  const ready = makeAlert({ seq: 2, shownAt: iso(-5_000), subject });
  const looking = makeAlert({ seq: 3, shownAt: iso(-500), subject });
  const unseen = makeAlert({ seq: 4, subject });
  const otherEntry = makeAlert({ seq: 5, shownAt: iso(-5_000) });
  const snapshot = makeSnapshot({ alerts: [lead, ready, looking, unseen, otherEntry] });
  snapshot.settings = { ...snapshot.settings, dwellMs };
  const fake = fakeBridge(snapshot);
  const store = createStationStore(fake.bridge, { tickMs: 0 });
  render(
    <StationStoreProvider store={store}>
      <RoomBridgeContext.Provider value={fake.bridge}>
        <RepeatStrip alert={openRepeat ? ready : lead} />
      </RoomBridgeContext.Provider>
    </StationStoreProvider>,
  );
  await act(async () => {
    store.getState().start();
    await Promise.resolve();
  });
  fake.clock(0);
  await flush();
  return { fake, lead, ready, looking, unseen };
}

describe('the repeat strip', () => {
  it('follows the lead decided in full, never a repeat confirmed after it', () => {
    const subject = { entryId: 'entry-77', image: { sha256: 'a'.repeat(64) } };
    const full = makeDecision({ decision: 'no-engage', reasons: ['subject-features-differ'] });
    const lead = makeAlert({ seq: 1, subject, status: 'decided', decisions: [full] });
    const confirmed = makeAlert({
      seq: 2,
      subject,
      status: 'decided',
      decisions: [
        makeDecision({
          decision: 'no-engage',
          decidedAt: iso(90_000), // after the lead's: the latest No engage on the entry
          lead: { alertId: lead.alertId, revision: 1, seq: full.journal.seq, hash: full.journal.hash },
        }),
      ],
    });
    const waiting = makeAlert({ seq: 3, subject });
    expect(leadFor(waiting, [lead, confirmed, waiting])).toBe(lead);
    expect(repeatProblem(confirmed, waiting)).toMatch(/in full/);
  });

  it('offers "Same as lead: no engage" only after each face’s own look time', async () => {
    const { fake, lead, ready, unseen } = await renderStrip();
    const strip = screen.getByRole('region', { name: '3 repeats on the same watchlist entry as alert #1' });
    const items = within(strip).getAllByRole('listitem');
    expect(items).toHaveLength(3); // not the alert on another entry
    expect(within(items[0]!).getByRole('button', { name: 'Same as lead: no engage' })).toBeEnabled();
    expect(within(items[1]!).getByRole('button', { name: 'Look 2 s more' })).toBeDisabled();
    expect(within(items[2]!).getByRole('button', { name: /^Look \d s more$/ })).toBeDisabled();
    // A face counts as shown once it has loaded.
    fireEvent.load(within(items[2]!).getByAltText('Probe image of alert #4'));
    expect(fake.bridge.alertShown).toHaveBeenCalledWith({ alertId: unseen.alertId });
    await userEvent.click(within(items[0]!).getByRole('button', { name: 'Same as lead: no engage' }));
    expect(fake.bridge.confirmRepeat).toHaveBeenCalledWith({
      alertId: ready.alertId,
      leadAlertId: lead.alertId,
    });
    expect(within(items[1]!).getByRole('button', { name: 'Open alert #3' })).toBeEnabled();
  });

  it('shows under a waiting repeat too (the screen moves on to it after the lead is decided)', async () => {
    await renderStrip(2000, true);
    expect(
      screen.getByRole('region', { name: '3 repeats on the same watchlist entry as alert #1' }),
    ).toBeInTheDocument();
  });

  it('key c acts on the store as it is, even before the strip is drawn again', async () => {
    const lead = decidedLead();
    const first = makeAlert({ seq: 2, shownAt: iso(-5_000), subject });
    const second = makeAlert({ seq: 3, shownAt: iso(-5_000), subject });
    const { fake } = await renderApp(makeSnapshot({ alerts: [lead, first, second] }));
    // The screen has moved on to the first repeat; its strip offers both.
    expect(
      screen.getByRole('region', { name: '2 repeats on the same watchlist entry as alert #1' }),
    ).toBeInTheDocument();
    await userEvent.keyboard('c');
    expect(fake.bridge.confirmRepeat).toHaveBeenLastCalledWith({
      alertId: first.alertId,
      leadAlertId: lead.alertId,
    });
    // The first is decided, and c is pressed before React draws anything of it (the side is
    // a deferred render, late on a busy machine): the key confirms the second, never the
    // first again from what was last drawn.
    const confirmed = {
      ...first,
      status: 'decided' as const,
      decisions: [makeDecision({ decision: 'no-engage', decidedAt: iso(1_000) })],
    };
    act(() => {
      fake.push(makeSnapshot({ alerts: [lead, confirmed, second] }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'c', bubbles: true }));
    });
    expect(fake.bridge.confirmRepeat).toHaveBeenLastCalledWith({
      alertId: second.alertId,
      leadAlertId: lead.alertId,
    });
  });

  it('shows the core’s refusal, and reads in Welsh', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    const { fake } = await renderStrip();
    fake.bridge.confirmRepeat.mockResolvedValueOnce({ ok: false, error: 'Look at the images for 1 s more.' });
    await userEvent.click(
      screen.getByRole('button', { name: 'Yr un fath â’r cyntaf: peidio ag ymgysylltu' }),
    );
    await flush();
    expect(screen.getByRole('alert')).toHaveTextContent('Look at the images for 1 s more.');
  });
});

/** A supervisor signed in on a deployment with claims: the room is in the snapshot. */
function supervisorWatching(
  alerts: StationSnapshot['alerts'],
  seats: RoomView['seats'] = [],
): StationSnapshot {
  const room: RoomView = {
    seats,
    backlog: {
      red: { waiting: 0, oldestMs: null, targetMs: 60_000 },
      amber: { waiting: 0, oldestMs: null, targetMs: 180_000 },
      green: { waiting: 0, oldestMs: null, targetMs: 600_000 },
    },
    alarm: null,
    escalations: [],
  };
  const snapshot = makeSnapshot({ alerts, room });
  snapshot.operator = { ...snapshot.operator!, role: 'supervisor' };
  return snapshot;
}

describe("a supervisor's seat watching the room", () => {
  it('does not claim an alert by having it on screen; "Review here" claims it', async () => {
    const alert = makeAlert({ seq: 3 });
    const { fake } = await renderApp(supervisorWatching([alert]));
    loadImages('Probe image', 'Watchlist image');
    await flush();
    expect(fake.bridge.alertShown).not.toHaveBeenCalled();
    expect(screen.getByRole('note')).toHaveTextContent(
      'You are watching the room: this alert is offered to the officers’ seats and is not claimed here.',
    );
    // Watching, the seat has no decision form to fill in: it is offered Review here instead.
    expect(screen.queryByRole('button', { name: 'Record decision' })).toBeNull();
    expect(screen.queryByRole('radio', { name: /Engage/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Review here' }));
    expect(fake.bridge.alertShown).toHaveBeenCalledWith({ alertId: alert.alertId });
    expect(screen.queryByRole('button', { name: 'Review here' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Record decision' })).toBeInTheDocument();
  });

  it('takes over an alert another seat holds, with a required reason, then reviews it here', async () => {
    const held = {
      ...makeAlert({ seq: 4 }),
      heldElsewhere: {
        stationId: 'station-2',
        label: 'Seat 2',
        operator: { id: 'PC1', name: 'PC Morgan' },
        since: iso(-40_000),
      },
    };
    const snapshot = supervisorWatching([held]);
    const { fake } = await renderApp(snapshot);
    loadImages('Probe image', 'Watchlist image');
    await userEvent.click(screen.getByRole('button', { name: 'Take over' }));
    const dialog = screen.getByRole('dialog', { name: 'Take over alert #4 from the seat that holds it' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Take over alert' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Write a note first.');
    expect(fake.bridge.takeOver).not.toHaveBeenCalled();
    await userEvent.type(
      within(dialog).getByLabelText(
        'Reason (required, up to 500 characters; journalled and sent to that seat)',
      ),
      'I know this subject by sight.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Take over alert' }));
    expect(fake.bridge.takeOver).toHaveBeenCalledWith({
      alertId: held.alertId,
      reason: 'I know this subject by sight.',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.bridge.alertShown).not.toHaveBeenCalled();
    // The station now holds it: main's next state has no other holder, and the faces count as shown here.
    fake.push({ ...snapshot, alerts: [{ ...held, heldElsewhere: undefined }] });
    await flush();
    expect(fake.bridge.alertShown).toHaveBeenCalledWith({ alertId: held.alertId });
  });

  it('names the seat the room says holds the open alert, and offers to take it over', async () => {
    const alert = makeAlert({ seq: 6 });
    const seat = (here: boolean, label: string, name: string, holding: string[]) => ({
      stationId: label,
      label,
      operator: { id: name, name },
      role: here ? ('supervisor' as const) : ('officer' as const),
      holding: holding.map((alertId) => ({ alertId, tier: 'red' as const, heldForMs: 5_000 })),
      waiting: 1,
      since: iso(-60_000),
      here,
    });
    await renderApp(
      supervisorWatching(
        [alert],
        [seat(true, 'Seat 1', 'Sgt Hall', []), seat(false, 'Seat 2', 'PC Morgan', [alert.alertId])],
      ),
    );
    expect(screen.getByText('PC Morgan at Seat 2 is reviewing this alert.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Take over' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Review here' })).toBeNull();
  });

  it('an officer’s seat claims as before (no room)', async () => {
    const alert = makeAlert({ seq: 5 });
    const { fake } = await renderApp(makeSnapshot({ alerts: [alert] }));
    loadImages('Probe image', 'Watchlist image');
    await flush();
    expect(fake.bridge.alertShown).toHaveBeenCalledWith({ alertId: alert.alertId });
    expect(screen.queryByRole('button', { name: 'Review here' })).toBeNull();
  });
});
