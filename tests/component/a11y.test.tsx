import { fireEvent, screen } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { flush, loadImages, makeAlert, makeDecision, makeSnapshot, renderApp } from './fixtures';

/** Serious and critical axe violations; jsdom computes no colours, so contrast is checked in the browser. */
async function seriousViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  it('sign-in has no serious violations', async () => {
    const { container } = await renderApp(makeSnapshot({ operator: null }));
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('live review with a red alert and the decision form has no serious violations', async () => {
    const settings = { ...makeSnapshot().settings, twoPersonTiers: ['red' as const] };
    const { container } = await renderApp(
      makeSnapshot({
        alerts: [makeAlert({ tier: 'red' }), makeAlert({ tier: 'green' })],
        settings,
        safeguards: [
          { code: 'low-threshold', severity: 'serious', title: 'Low threshold', detail: 'Below guidance.' },
        ],
      }),
    );
    loadImages('Probe image', 'Watchlist image');
    await flush();
    expect(screen.getByRole('navigation', { name: 'Alerts' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Record decision' })).toBeInTheDocument();
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('a decided alert with outcome form and history has no serious violations', async () => {
    const alert = makeAlert({ status: 'decided', decisions: [makeDecision()] });
    const { container } = await renderApp(makeSnapshot({ alerts: [alert] }));
    fireEvent.click(screen.getByRole('tab', { name: /Decided/ }));
    fireEvent.click(screen.getByRole('list', { name: 'Recently decided alerts' }).querySelector('button')!);
    expect(await screen.findByRole('button', { name: 'Record outcome' })).toBeInTheDocument();
    expect(await seriousViolations(container)).toEqual([]);
  });
});
