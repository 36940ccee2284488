/**
 * The store in slices: a clock tick or a snapshot about another alert must not
 * re-render the open alert's faces or its decision form; only what shows time does.
 */
import { createElement, type ComponentProps } from 'react';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type * as AlertViewModule from '../../renderer/src/components/AlertView';
import type * as DecisionFormModule from '../../renderer/src/components/DecisionForm';
import { flush, iso, loadImages, makeAlert, makeSnapshot, renderApp } from './fixtures';

const renders = vi.hoisted(() => ({ alertView: 0, decisionForm: 0 }));

vi.mock('../../renderer/src/components/AlertView', async (importOriginal) => {
  const mod = await importOriginal<typeof AlertViewModule>();
  return {
    ...mod,
    AlertView: (props: ComponentProps<typeof mod.AlertView>) => {
      renders.alertView++;
      return createElement(mod.AlertView, props);
    },
  };
});
vi.mock('../../renderer/src/components/DecisionForm', async (importOriginal) => {
  const mod = await importOriginal<typeof DecisionFormModule>();
  return {
    ...mod,
    DecisionForm: (props: ComponentProps<typeof mod.DecisionForm>) => {
      renders.decisionForm++;
      return createElement(mod.DecisionForm, props);
    },
  };
});

describe('renderer state in slices', () => {
  it('a clock tick re-renders neither the faces nor a settled decision form, but the dwell countdown does', async () => {
    const alert = makeAlert({ camera: 'Camera A', capturedAt: iso(-60_000) });
    const { fake } = await renderApp(
      makeSnapshot({ alerts: [alert], settings: { ...makeSnapshot().settings, dwellMs: 3000 } }),
    );
    loadImages('Probe image', 'Watchlist image'); // main answers shownAt = T0
    await screen.findByText('Look at the images for 3 s more.');

    const faces = renders.alertView;
    fake.clock(1_000);
    expect(screen.getByText('Look at the images for 2 s more.')).toBeInTheDocument();
    expect(renders.alertView).toBe(faces);

    fake.clock(5_000);
    const form = renders.decisionForm;
    for (let t = 5_100; t < 6_000; t += 100) fake.clock(t);
    expect(renders.decisionForm).toBe(form);
    expect(renders.alertView).toBe(faces);
    // The time on screen still moves.
    fake.clock(70_000);
    expect(screen.getByText(/\(2 min ago\)/)).toBeInTheDocument();
    expect(renders.alertView).toBe(faces);
  });

  it('a snapshot that only adds another alert leaves the open alert alone', async () => {
    const open = makeAlert({ tier: 'red', camera: 'Open one' });
    const { fake } = await renderApp(makeSnapshot({ alerts: [open] }));
    loadImages('Probe image', 'Watchlist image');
    await flush(); // main's answer to alertShown
    const faces = renders.alertView;
    // Main sends whole snapshots: the open alert arrives as a new but equal object.
    fake.push(
      makeSnapshot({ alerts: [structuredClone(open), makeAlert({ tier: 'green', camera: 'Other' })] }),
    );
    expect(screen.getByRole('button', { name: /Other/ })).toBeInTheDocument();
    expect(renders.alertView).toBe(faces);
  });
});
