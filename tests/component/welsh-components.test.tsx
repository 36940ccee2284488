/**
 * Issue 26: the shared components in Welsh. The queue, the decision form and its
 * blocked-submit message speak Welsh when the officer chose Cymraeg, and what is sent to
 * main is the same codes as in English: the journal never holds words.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../shared/decision-rules';
import { KeyFileNotice } from '../../renderer/src/components/KeyFileNotice';
import { useLocaleStore } from '../../renderer/src/i18n/locale-store';
import { VALID_RATIONALE, iso, loadImages, makeAlert, makeSnapshot, renderApp } from './fixtures';

async function ready(alerts = [makeAlert({ tier: 'red', shownAt: iso(0), camera: 'Camera One' })]) {
  const app = await renderApp(makeSnapshot({ alerts }));
  if (useLocaleStore.getState().locale === 'cy') loadImages('Delwedd fyw', 'Delwedd y rhestr wylio');
  else loadImages('Probe image', 'Watchlist image');
  app.fake.clock(5_000);
  return { ...app, user: userEvent.setup() };
}

describe('the shared components in Welsh', () => {
  afterEach(() => useLocaleStore.getState().chooseLocale('en-GB'));

  it('shows the queue in Welsh, with the tiers from the glossary', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    await ready([
      makeAlert({ tier: 'red', shownAt: iso(0), camera: 'Camera One' }),
      makeAlert({ tier: 'green', camera: 'Camera Two' }),
    ]);
    expect(screen.getByRole('heading', { name: /^Rhybuddion heb benderfyniad/ })).toBeInTheDocument();
    const queue = screen.getByRole('list', { name: 'Ciw rhybuddion' });
    expect(within(queue).getAllByRole('button')).toHaveLength(2);
    expect(within(queue).getByText('Coch: gweithredu nawr')).toBeInTheDocument();
    expect(within(queue).getByText('Gwyrdd: cudd-wybodaeth')).toBeInTheDocument();
    const filter = screen.getByRole('radiogroup', { name: 'Dangos haen' });
    expect(within(filter).getByRole('radio', { name: 'Y cyfan 2' })).toBeInTheDocument();
    expect(within(filter).getByRole('radio', { name: /Coch 1/ })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Alert queue' })).toBeNull();
  });

  it('announces arrivals in Welsh: one by its camera, a burst summed up by tier', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    const first = makeAlert({ tier: 'green', shownAt: iso(0), camera: 'Camera One' });
    const { fake } = await ready([first]);
    const live = document.querySelector('.announcement')!;
    const red = makeAlert({ tier: 'red', camera: 'Camera Two' });
    fake.push(makeSnapshot({ alerts: [first, red] }));
    expect(live.textContent).toBe('Rhybudd coch newydd o Camera Two.');

    const burst = [
      makeAlert({ tier: 'green' }),
      makeAlert({ tier: 'amber' }),
      makeAlert({ tier: 'red' }),
      makeAlert({ tier: 'red' }),
      makeAlert({ tier: 'amber' }),
      makeAlert({ tier: 'red' }),
    ];
    await fake.resync(makeSnapshot({ alerts: [first, red, ...burst] }));
    expect(live.textContent).toBe('6 rhybudd newydd: 3 coch, 2 ambr, 1 gwyrdd.');
    // Two takes the soft mutation (rhybudd, dau rybudd), as the catalogue’s other counts do.
    const two = [makeAlert({ tier: 'amber' }), makeAlert({ tier: 'amber' })];
    await fake.resync(makeSnapshot({ alerts: [first, red, ...burst, ...two] }));
    expect(live.textContent).toBe('2 rybudd newydd: 2 ambr.');
  });

  it('says what blocks a decision in Welsh, aloud and on screen', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    const { user, fake } = await ready();
    await user.keyboard('{Control>}{Enter}{/Control}');
    const live = document.querySelector('.blocked-message')!;
    expect(live).toHaveTextContent('Heb ei gofnodi. Dewiswch Ymgysylltu neu Peidio ag ymgysylltu.');
    expect(screen.getByRole('radio', { name: 'Ymgysylltu' })).toHaveFocus();

    await user.keyboard('n');
    await user.keyboard('r');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(live).toHaveTextContent(
      /Heb ei gofnodi\. Dewiswch o leiaf un rheswm\. Ysgrifennwch o leiaf 20 nod o resymeg \(0 hyd yma\)\./,
    );
    const record = screen.getByRole('button', { name: "Cofnodi'r penderfyniad" });
    expect(record).toBeDisabled();
    expect(record).toHaveAccessibleDescription(/Ddim yn barod i gofnodi/);
    expect(fake.bridge.recordDecision).not.toHaveBeenCalled();
  });

  it('records the same codes in Welsh as in English', async () => {
    const chosen = REASON_CODES.find((r) => r.code === 'system-score-marginal')!;
    const sent: unknown[] = [];
    for (const locale of ['cy', 'en-GB'] as const) {
      useLocaleStore.getState().chooseLocale(locale);
      const { user, fake, unmount } = await ready();
      const welsh = locale === 'cy';
      await user.click(screen.getByRole('radio', { name: welsh ? 'Peidio ag ymgysylltu' : 'No engage' }));
      const reasons = screen.getByRole('group', { name: welsh ? 'Rhesymau' : 'Reasons' });
      const group = within(reasons).getByRole('group', {
        name: welsh ? "Ffactorau'r system" : 'System factors',
      });
      await user.click(
        within(group).getByRole('checkbox', { name: welsh ? 'Sgôr yn agos at y trothwy' : chosen.label }),
      );
      await user.type(
        screen.getByRole('textbox', { name: welsh ? 'Rhesymeg' : 'Rationale' }),
        VALID_RATIONALE,
      );
      await user.click(
        screen.getByRole('button', { name: welsh ? "Cofnodi'r penderfyniad" : 'Record decision' }),
      );
      expect(fake.bridge.recordDecision).toHaveBeenCalledTimes(1);
      const { alertId: _alertId, ...payload } = fake.bridge.recordDecision.mock.calls[0]![0];
      sent.push(payload);
      unmount();
    }
    expect(sent[0]).toEqual({ decision: 'no-engage', reasons: [chosen.code], rationale: VALID_RATIONALE });
    expect(sent[1]).toEqual(sent[0]);
  });
});

describe('the signing-key notice in Welsh', () => {
  afterEach(() => useLocaleStore.getState().chooseLocale('en-GB'));

  it('says its own lines in Welsh and marks the core’s English warning as English', () => {
    useLocaleStore.getState().chooseLocale('cy');
    const warning = 'The station key is not protected by the operating system: no keyring.';
    render(
      <KeyFileNotice
        protection={{ protected: false, by: 'file permissions only (0600)', warning, keyDir: '/keys' }}
      />,
    );
    expect(screen.getByText('Cedwir yr allwedd lofnodi mewn ffeil')).toHaveAttribute(
      'title',
      'Cedwir yr allwedd lofnodi mewn ffeil',
    );
    // A screen reader reading the page as Welsh would mispronounce it otherwise (WCAG 3.1.2).
    expect(screen.getByText(warning)).toHaveAttribute('lang', 'en-GB');
  });
});

describe('the status bar in Welsh', () => {
  afterEach(() => useLocaleStore.getState().chooseLocale('en-GB'));

  it('gives each line that may be cut short its whole text as a tooltip', async () => {
    useLocaleStore.getState().chooseLocale('cy');
    await renderApp(
      makeSnapshot({
        alerts: [makeAlert({ tier: 'red', shownAt: iso(0) })],
        outbox: { pending: 2, oldestAt: iso(-90_000) },
      }),
    );
    const lines = [...document.querySelectorAll<HTMLElement>('.statusbar .shrinks')];
    expect(lines.map((l) => l.textContent)).toEqual([
      expect.stringMatching(/^Ar shifft /),
      expect.stringMatching(/^Blwch allan: 2 yn aros/),
    ]);
    for (const line of lines) expect(line.title).toBe(line.textContent);
  });
});
