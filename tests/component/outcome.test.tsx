import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../shared/decision-rules';
import { iso, loadImages, makeAlert, makeDecision, makeOutcome, makeSnapshot, renderApp } from './fixtures';

function decidedEngage() {
  return makeAlert({
    camera: 'Camera 7',
    status: 'decided',
    shownAt: iso(0),
    decisions: [makeDecision({ decision: 'engage', rationale: 'First look: the scar and jaw match.' })],
  });
}

async function openDecided(alert = decidedEngage()) {
  const user = userEvent.setup();
  const app = await renderApp(makeSnapshot({ alerts: [alert] }));
  // Decided alerts are a tab beside the queue.
  await user.click(screen.getByRole('tab', { name: /Decided/ }));
  expect(screen.getByRole('tab', { name: /Decided/ })).toHaveAttribute('aria-selected', 'true');
  await user.click(within(screen.getByRole('list', { name: 'Recently decided alerts' })).getByRole('button'));
  return { ...app, user, alert };
}

describe('OutcomeForm', () => {
  it('sends the outcome the officer entered', async () => {
    const { user, fake, alert } = await openDecided();
    const record = screen.getByRole('button', { name: 'Record outcome' });
    expect(record).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: 'Confirmed true' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action taken' }), 'arrest');
    await user.type(screen.getByRole('textbox', { name: 'Engagement officer ID' }), 'PC7');
    await user.type(screen.getByRole('textbox', { name: 'Engagement officer name' }), 'Sam Lee');
    await user.type(screen.getByRole('spinbutton', { name: 'Stop duration (minutes)' }), '12');
    await user.click(screen.getByRole('checkbox', { name: 'Leaflet given' }));
    await user.type(screen.getByRole('textbox', { name: 'Notes' }), 'Arrested without incident.');
    await user.click(record);
    expect(fake.bridge.recordOutcome).toHaveBeenCalledWith({
      alertId: alert.alertId,
      result: 'confirmed-true',
      action: 'arrest',
      engagementOfficer: { id: 'PC7', name: 'Sam Lee' },
      stopMinutes: 12,
      leafletGiven: true,
      notes: 'Arrested without incident.',
    });
    expect(screen.getByText('Saving…')).toBeInTheDocument();

    fake.push(makeSnapshot({ alerts: [{ ...alert, outcomes: [makeOutcome()] }] }));
    expect(screen.getByText(/Outcome saved/, { selector: '.save-announcement' })).toBeInTheDocument();
    const history = screen.getByRole('list', { name: 'Decision history' });
    expect(within(history).getByText('Outcome 1: Confirmed true')).toBeInTheDocument();
  });

  it('leaves optional fields out and refuses half an engagement officer', async () => {
    const { user, fake, alert } = await openDecided();
    await user.click(screen.getByRole('radio', { name: 'Not located' }));
    await user.type(screen.getByRole('textbox', { name: 'Engagement officer ID' }), 'PC7');
    expect(screen.getByRole('button', { name: 'Record outcome' })).toBeDisabled();
    await user.clear(screen.getByRole('textbox', { name: 'Engagement officer ID' }));
    await user.click(screen.getByRole('button', { name: 'Record outcome' }));
    expect(fake.bridge.recordOutcome).toHaveBeenCalledWith({
      alertId: alert.alertId,
      result: 'not-located',
      leafletGiven: false,
      notes: '',
    });
  });

  it('is not offered after a no-engage decision', async () => {
    await openDecided({ ...decidedEngage(), decisions: [makeDecision({ decision: 'no-engage' })] });
    expect(screen.queryByRole('button', { name: 'Record outcome' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Amend decision' })).toBeInTheDocument();
  });
});

describe('amendment', () => {
  it('records a new revision with its own rationale and shows both in the history', async () => {
    const { user, fake, alert } = await openDecided();
    loadImages('Probe image', 'Watchlist image');
    fake.clock(60_000);
    await user.click(screen.getByRole('button', { name: 'Amend decision' }));
    expect(screen.getByRole('heading', { name: 'Amend decision (revision 2)' })).toBeInTheDocument();
    const rationale = 'Second look: the ear shape differs from the reference.';
    await user.click(screen.getByRole('radio', { name: 'No engage' }));
    await user.click(screen.getByRole('checkbox', { name: REASON_CODES[2]!.label }));
    await user.type(screen.getByRole('textbox', { name: 'Rationale' }), rationale);
    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    expect(fake.bridge.recordDecision).toHaveBeenCalledWith({
      alertId: alert.alertId,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale,
    });

    const amended = {
      ...alert,
      decisions: [
        ...alert.decisions,
        makeDecision({ revision: 2, decision: 'no-engage', reasons: [REASON_CODES[2]!.code], rationale }),
      ],
    };
    fake.push(makeSnapshot({ alerts: [amended] }));
    const history = screen.getByRole('list', { name: 'Decision history' });
    expect(within(history).getByText('Revision 1: Engage')).toBeInTheDocument();
    expect(within(history).getByText('Revision 2: No engage')).toBeInTheDocument();
    expect(within(history).getByText(`“${rationale}”`)).toBeInTheDocument();
    expect(within(history).getByText('“First look: the scar and jaw match.”')).toBeInTheDocument();
    // The amendment form closes once main has it; the alert stays open.
    expect(screen.queryByRole('button', { name: 'Record decision' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Amend decision' })).toBeInTheDocument();
  });

  it('a decided alert carries a status strip: decision, time, officer, revision', async () => {
    await openDecided();
    const strip = screen.getByText('Decided: Engage').closest('.status-strip')!;
    expect(strip).toHaveTextContent(/Decided: Engage.*at .*by Alex Moss \(PC100\).*revision 1/);
  });

  it('an amendment that contradicts a recorded outcome says so and amends the outcome too', async () => {
    const alert = {
      ...decidedEngage(),
      outcomes: [makeOutcome({ result: 'confirmed-true', action: 'arrest' })],
    };
    const { user, fake } = await openDecided(alert);
    loadImages('Probe image', 'Watchlist image');
    fake.clock(60_000);
    await user.click(screen.getByRole('button', { name: 'Amend decision' }));
    await user.click(screen.getByRole('radio', { name: 'No engage' }));
    expect(
      screen.getByText('No engage contradicts the recorded outcome (outcome 1: Confirmed true, Arrest).'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: REASON_CODES[2]!.label }));
    const rationale = 'Second look: the ear shape differs from the reference.';
    await user.type(screen.getByRole('textbox', { name: 'Rationale' }), rationale);
    const record = screen.getByRole('button', { name: 'Record decision' });
    expect(record).toBeDisabled();
    expect(record).toHaveAccessibleDescription(/Amend the outcome too/);

    // Ctrl+Enter says what is missing and goes to it.
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(fake.bridge.recordDecision).not.toHaveBeenCalled();
    const note = screen.getByRole('textbox', { name: 'Why the recorded outcome no longer stands' });
    expect(note).toHaveFocus();
    await user.type(note, 'Arrest was of another man; custody record corrected.');
    expect(record).toBeEnabled();
    await user.click(record);
    expect(fake.bridge.recordDecision).toHaveBeenCalledWith({
      alertId: alert.alertId,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale,
      amendOutcome: { note: 'Arrest was of another man; custody record corrected.' },
    });
  });

  it('an amendment to Engage over an outcome needs no outcome amendment', async () => {
    const alert = {
      ...decidedEngage(),
      outcomes: [makeOutcome()],
    };
    const { user } = await openDecided(alert);
    await user.click(screen.getByRole('button', { name: 'Amend decision' }));
    await user.click(screen.getByRole('radio', { name: 'Engage' }));
    expect(screen.queryByText(/contradicts the recorded outcome/)).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /no longer stands/ })).not.toBeInTheDocument();
  });
});
