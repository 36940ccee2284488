/**
 * Issue 26: the supervisor's replay in Welsh. The home (deployments, import, trusted keys),
 * the open replay's timeline, playback, filters, alert list and selected alert, the
 * statistics and the exports with the legal hold are named in Welsh by role and name, with
 * Welsh months and GMT/BST; the glossary's terms (tiers, decisions) come from the glossary.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLocaleStore } from '../../renderer/src/i18n/locale-store';
import { flush, renderApp } from './fixtures';
import { listing, noCanvas, openFixtureReplay, supervisorSnapshot } from './replay-fixtures';

afterEach(() => {
  vi.restoreAllMocks();
  useLocaleStore.getState().chooseLocale('en-GB');
});

const welsh = () => act(() => useLocaleStore.getState().chooseLocale('cy'));

describe('replay in Welsh', () => {
  it('names the replay home, its table, import and trusted keys in Welsh', async () => {
    noCanvas();
    const app = await renderApp(supervisorSnapshot());
    app.fake.bridge.listDeployments.mockResolvedValue({ ok: true, deployments: [listing()] });
    welsh();
    const nav = screen.getByRole('navigation', { name: 'Adrannau' });
    fireEvent.click(within(nav).getByRole('button', { name: 'Ailchwarae' }));
    await flush();
    expect(screen.getByRole('main', { name: 'Ailchwarae' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Defnyddiau i’w hailchwarae' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Adnewyddu' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Defnyddiau' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Teitl',
      'Defnydd',
      'Cyfnod awdurdodedig',
      'Cofnod cyntaf ac olaf',
      'Rhybuddion',
      'Penderfynwyd',
      'Cywirdeb',
      'Daliad cyfreithiol',
      'Camau',
    ]);
    expect(within(table).getByRole('button', { name: 'Agor High Street, Saturday' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Mewnforio bwndel defnydd' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mewnforio bwndel' })).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Allweddi gorsafoedd yr ymddiriedir ynddynt' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Llinell ymddiried' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cofrestru allwedd' })).toBeInTheDocument();
    // Nothing of the English home is left.
    expect(screen.queryByText('Deployments to replay')).not.toBeInTheDocument();
  });

  it('names the timeline, playback, filters, list and selected alert in Welsh, with Welsh dates', async () => {
    await openFixtureReplay();
    welsh();
    expect(screen.getByRole('navigation', { name: 'Golygfeydd ailchwarae' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Llinell amser' })).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^Llinell amser o 3 rhybudd o .* hyd at .*: coch/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Rhesi fesul haen' })).toHaveTextContent('Rhes Coch');
    const playback = screen.getByRole('group', { name: 'Chwarae' });
    expect(within(playback).getByRole('button', { name: 'Chwarae' })).toHaveAttribute(
      'title',
      'Llwybr byr: bylchwr',
    );
    expect(within(playback).getByRole('button', { name: 'Digwyddiad nesaf' })).toBeInTheDocument();
    expect(within(playback).getByRole('radiogroup', { name: 'Cyflymder' })).toBeInTheDocument();
    const slider = within(playback).getByRole('slider', { name: 'Amser yr ailchwarae' });
    // Welsh month, and the zone still GMT or BST (Intl would say GMT+1 in Welsh).
    expect(slider.getAttribute('aria-valuetext')).toMatch(/^\d\d:\d\d:\d\d (GMT|BST), 1 Meh 2025$/);
    expect(screen.getByRole('heading', { name: 'Hidlyddion' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Swyddog' })).toBeInTheDocument();
    const tier = screen.getByRole('combobox', { name: 'Haen' });
    expect(
      within(tier)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Unrhyw haen', 'Coch', 'Ambr', 'Gwyrdd']);
    expect(screen.getByRole('heading', { name: 'Rhybuddion a dderbyniwyd' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Ar y sgrin ac amseru' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Adolygiad y goruchwyliwr' })).toBeInTheDocument();
    // A step is announced in Welsh, spoken in the language on screen.
    fireEvent.click(within(playback).getByRole('button', { name: 'Digwyddiad blaenorol' }));
    fireEvent.click(within(playback).getByRole('button', { name: 'Digwyddiad blaenorol' }));
    fireEvent.click(within(playback).getByRole('button', { name: 'Digwyddiad blaenorol' }));
    fireEvent.click(within(playback).getByRole('button', { name: 'Digwyddiad blaenorol' }));
    fireEvent.click(within(playback).getByRole('button', { name: 'Digwyddiad blaenorol' }));
    expect(
      within(playback).getByText(/^(Dim digwyddiad cynharach\.|\d\d:\d\d:\d\d (GMT|BST): .+)$/),
    ).toBeInTheDocument();
  });

  it('names the statistics and the exports with the legal hold in Welsh', async () => {
    await openFixtureReplay();
    welsh();
    fireEvent.click(screen.getByRole('button', { name: 'Ystadegau' }));
    expect(screen.getByRole('heading', { name: 'Ystadegau', level: 2 })).toBeInTheDocument();
    const totals = screen.getByRole('list', { name: 'Cyfansymiau' });
    expect(totals).toHaveTextContent('Ymgysylltu');
    expect(totals).toHaveTextContent('Amser canolrif i benderfynu');
    expect(screen.getByRole('heading', { name: 'Llwyth gwaith fesul swyddog' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Rhybuddion anghywir', level: 3 })).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Rhybuddion am y trothwy a’r mesurau diogelu' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Ymgysylltu a pheidio ag ymgysylltu' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Adroddiad ac allforion' }));
    expect(screen.getByRole('heading', { name: 'Daliad cyfreithiol' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Rheswm dros y daliad cyfreithiol' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Gosod daliad cyfreithiol' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Yn ôl i’r defnyddiau' })).toBeInTheDocument();
  });
});
