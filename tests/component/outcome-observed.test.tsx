/** Issue 27: the outcome form asks for the observed sex and ethnic group, each "Not recorded" unless chosen. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { iso, makeAlert, makeDecision, makeOutcome, makeSnapshot, renderApp } from './fixtures';

function decidedEngage(outcomes = [] as ReturnType<typeof makeOutcome>[]) {
  return makeAlert({
    camera: 'Camera 7',
    status: 'decided',
    shownAt: iso(0),
    decisions: [makeDecision({ decision: 'engage' })],
    outcomes,
  });
}

async function openDecided(alert = decidedEngage()) {
  const user = userEvent.setup();
  const app = await renderApp(makeSnapshot({ alerts: [alert] }));
  await user.click(screen.getByRole('tab', { name: /Decided/ }));
  await user.click(within(screen.getByRole('list', { name: 'Recently decided alerts' })).getByRole('button'));
  return { ...app, user, alert };
}

describe('OutcomeForm: equality monitoring', () => {
  it('asks after the result, defaults to Not recorded, and says whose perception it is', async () => {
    await openDecided();
    const sex = screen.getByRole('combobox', { name: 'Observed sex' });
    const ethnicity = screen.getByRole('combobox', { name: 'Observed ethnic group' });
    expect(sex).toHaveValue('not-recorded');
    expect(ethnicity).toHaveValue('not-recorded');
    expect(within(sex).getByRole('option', { selected: true })).toHaveTextContent('Not recorded');
    expect(sex).toHaveAccessibleDescription(
      /perception, for equality monitoring only; never shown to other officers/,
    );
    // After the result in reading order.
    const result = screen.getByRole('radiogroup', { name: 'Result' });
    expect(result.compareDocumentPosition(sex) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(
      within(ethnicity)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Asian, Asian British or Asian Welsh',
      'Black, Black British, Black Welsh, Caribbean or African',
      'Mixed or multiple ethnic groups',
      'White',
      'Other ethnic group',
      'Not recorded',
    ]);
  });

  it('sends what the officer chose with the outcome', async () => {
    const { user, fake, alert } = await openDecided();
    await user.click(screen.getByRole('radio', { name: 'Confirmed false' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Observed sex' }), 'female');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Observed ethnic group' }), 'black');
    await user.click(screen.getByRole('button', { name: 'Record outcome' }));
    expect(fake.bridge.recordOutcome).toHaveBeenCalledWith({
      alertId: alert.alertId,
      result: 'confirmed-false',
      leafletGiven: false,
      notes: '',
      observed: { sex: 'female', ethnicity: 'black' },
    });
  });

  it('sends nothing observed when the officer leaves both alone', async () => {
    const { user, fake } = await openDecided(decidedEngage([makeOutcome({ result: 'not-located' })]));
    await user.click(screen.getByRole('radio', { name: 'Confirmed true' }));
    await user.click(screen.getByRole('button', { name: 'Record outcome' }));
    expect(fake.bridge.recordOutcome.mock.calls[0]![0]).not.toHaveProperty('observed');
  });

  it('sends only the member the officer chose, even "Not recorded"', async () => {
    const { user, fake } = await openDecided(decidedEngage([makeOutcome({ result: 'not-located' })]));
    await user.click(screen.getByRole('radio', { name: 'Confirmed true' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Observed sex' }), 'male');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Observed sex' }), 'not-recorded');
    await user.click(screen.getByRole('button', { name: 'Record outcome' }));
    expect(fake.bridge.recordOutcome.mock.calls[0]![0].observed).toEqual({ sex: 'not-recorded' });
  });
});
