/**
 * The deployment panel: every field readable in full, the safeguard warnings in plain
 * words (the threshold one says why), the window's state, refused alerts counted where
 * the supervisor sees them, the legal hold and station settings for supervisors only.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import type { StationBridge } from '../../shared/contract';
import type { Deployment } from '../../shared/feed/schemas';
import { safeguardWarnings } from '../../shared/safeguards';
import type { StationSnapshot } from '../../shared/view';
import { DeploymentPanel } from '../../renderer/src/components/DeploymentPanel';
import { flush, makeSnapshot, nextFrame, renderApp, T0 } from './fixtures';

const HOUR = 3_600_000;

function makeDeployment(o: Partial<Deployment> = {}): Deployment & { retentionDays: number } {
  return {
    v: 1,
    deploymentId: 'DEP-2025-0601-A',
    title: 'Northgate town centre, evening economy',
    purpose: 'Locate people wanted for serious violent offences around the evening economy.',
    intelligenceRef: 'INT/2025/04411',
    location: { name: 'Market Street and Corn Exchange, Northgate', zone: 'Northgate town centre' },
    authorisedBy: { id: 'SUPT-4410', name: 'Helen Ashworth', rank: 'Superintendent' },
    authorisedAt: '2025-05-28T09:15:00+01:00',
    startsAt: new Date(T0 - HOUR).toISOString(),
    endsAt: new Date(T0 + 8 * HOUR).toISOString(),
    threshold: 0.64,
    algorithm: { name: 'FaceMatch', version: '4.2.1' },
    watchlist: {
      version: 'WL-20250601-v3',
      size: 1234,
      reviewedAt: '2025-05-31T16:00:00+01:00',
      reviewedBy: 'Insp. Clare Doyle',
    },
    notice: { given: true, channels: ['signage at every entrance', 'force website'] },
    dpiaRef: 'DPIA-LFR-2025-06',
    cameras: [
      { id: 'CAM-01', label: 'Market Street, north approach', zone: 'Northgate town centre' },
      { id: 'CAM-02', label: 'Corn Exchange, south door' },
    ],
    ...o,
    retentionDays: o.retentionDays ?? 31,
  };
}

function snapshotFor(d: Deployment & { retentionDays: number }, o: Partial<StationSnapshot> = {}) {
  return makeSnapshot({
    deployment: d,
    deploymentChangedAt: '2025-06-01T08:59:00.000Z',
    safeguards: safeguardWarnings(d, T0, false),
    counts: { undecided: 0, rejected: 3, outsideWindow: 2, withdrawn: 0 },
    retention: {
      deploymentId: d.deploymentId,
      endsAt: d.endsAt,
      purgeAfter: new Date(Date.parse(d.endsAt) + 31 * 24 * HOUR).toISOString(),
      legalHold: null,
      purgedImages: 0,
    },
    ...o,
  });
}

function bridge() {
  return {
    setLegalHold: vi.fn<StationBridge['setLegalHold']>(async () => ({ ok: true as const })),
    updateSettings: vi.fn<StationBridge['updateSettings']>(async () => ({ ok: true as const })),
  };
}

function renderPanel(snapshot: StationSnapshot, b = bridge()) {
  const utils = render(<DeploymentPanel snapshot={snapshot} now={T0} bridge={b} />);
  return { ...utils, bridge: b };
}

const region = () => screen.getByRole('region', { name: 'Deployment' });

describe('deployment panel', () => {
  it('shows the deployment at a glance, and every field in full in the details', async () => {
    const d = makeDeployment();
    renderPanel(snapshotFor(d));
    const glance = region();
    expect(within(glance).getByText(d.title)).toBeInTheDocument();
    expect(glance).toHaveTextContent('In progress');
    expect(glance).toHaveTextContent('Threshold0.64');
    expect(glance).toHaveTextContent('WL-20250601-v3: reviewed');
    expect(glance).toHaveTextContent('Public noticegiven');
    expect(glance).toHaveTextContent('Refused alerts3 (2 outside the window)');
    expect(screen.queryByRole('button', { name: 'Station settings' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Deployment details' }));
    const dialog = screen.getByRole('dialog', { name: 'Deployment details' });
    const text = dialog.textContent ?? '';
    for (const value of [
      d.title,
      d.deploymentId,
      d.purpose,
      d.intelligenceRef,
      d.location.name,
      d.location.zone!,
      'Superintendent Helen Ashworth (SUPT-4410)',
      d.authorisedAt,
      d.startsAt,
      d.endsAt,
      '0.64',
      'FaceMatch 4.2.1',
      d.watchlist.version,
      '1,234 entries',
      'Insp. Clare Doyle',
      d.watchlist.reviewedAt!,
      'signage at every entrance',
      'force website',
      'DPIA-LFR-2025-06',
      '31 days after the window closes',
      '3 in all, 2 captured outside the window',
      '2025-06-01T08:59:00.000Z',
      'Legal hold',
    ])
      expect(text, value).toContain(value);
    const cameras = within(dialog).getByRole('table', { name: 'Cameras' });
    expect(within(cameras).getAllByRole('row')).toHaveLength(3);
    expect(within(cameras).getByText('Corn Exchange, south door')).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Place legal hold' })).toBeNull();

    const result = await axe.run(dialog, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('warns about a threshold under 0.6 and says why: the National Physical Laboratory finding', () => {
    renderPanel(snapshotFor(makeDeployment({ threshold: 0.55 })));
    const alert = within(region()).getByRole('alert');
    expect(alert).toHaveTextContent('Threshold 0.55 is below 0.60');
    expect(alert).toHaveTextContent(/National Physical Laboratory \(2023\)/);
    expect(alert).toHaveTextContent(/demographic groups/);
    expect(region()).toHaveTextContent(/Threshold\W*0\.55 below 0\.60/);
  });

  it('keeps an unreviewed watchlist warning on screen until a new record resolves it', () => {
    const unreviewed = makeDeployment({
      watchlist: { version: 'WL-9', size: 40, reviewedAt: null, reviewedBy: null },
    });
    const { rerender, bridge: b } = renderPanel(snapshotFor(unreviewed));
    expect(within(region()).getByRole('alert')).toHaveTextContent('Watchlist not reviewed');
    expect(region()).toHaveTextContent('WL-9: not reviewed');

    const late = makeDeployment({
      watchlist: {
        version: 'WL-9',
        size: 40,
        reviewedAt: new Date(T0 - HOUR / 2).toISOString(),
        reviewedBy: 'Insp. Late',
      },
    });
    rerender(<DeploymentPanel snapshot={snapshotFor(late)} now={T0} bridge={b} />);
    expect(within(region()).getByRole('alert')).toHaveTextContent(
      'Watchlist reviewed after the deployment started',
    );

    rerender(<DeploymentPanel snapshot={snapshotFor(makeDeployment())} now={T0} bridge={b} />);
    expect(within(region()).queryByRole('alert')).toBeNull();
  });

  it('flags a deployment with no public notice and no reason, and shows a recorded reason', () => {
    const { rerender, bridge: b } = renderPanel(
      snapshotFor(makeDeployment({ notice: { given: false, channels: [] } })),
    );
    expect(region()).toHaveTextContent('No public notice, and no reason recorded');
    expect(region()).toHaveTextContent(/Public notice\W*none, and no reason recorded/);

    const reasoned = makeDeployment({
      notice: { given: false, channels: [], reasonIfNot: 'Covert operation authorised under s.4' },
    });
    rerender(<DeploymentPanel snapshot={snapshotFor(reasoned)} now={T0} bridge={b} />);
    expect(region()).not.toHaveTextContent('No public notice, and no reason recorded');
    fireEvent.click(screen.getByRole('button', { name: 'Deployment details' }));
    expect(screen.getByRole('dialog')).toHaveTextContent('Covert operation authorised under s.4');
  });

  it('says a deployment has not started, and when it opens', () => {
    const d = makeDeployment({
      startsAt: new Date(T0 + 30 * 60_000).toISOString(),
      endsAt: new Date(T0 + 8 * HOUR).toISOString(),
    });
    renderPanel(snapshotFor(d));
    expect(region()).toHaveTextContent('Not started');
    expect(region()).toHaveTextContent('opens in 30 min');
    expect(region()).toHaveTextContent('Deployment has not started');
  });

  it('lets a supervisor place a legal hold with a reason, and shows one in place', async () => {
    const d = makeDeployment({
      endsAt: new Date(T0 - HOUR / 2).toISOString(),
      startsAt: new Date(T0 - 9 * HOUR).toISOString(),
    });
    const supervisor = {
      ...makeSnapshot().operator!,
      role: 'supervisor' as const,
      id: 'PS 4',
      name: 'Kim Ellis',
    };
    const { rerender, bridge: b } = renderPanel(snapshotFor(d, { operator: supervisor }));
    expect(region()).toHaveTextContent('Ended');
    fireEvent.click(screen.getByRole('button', { name: 'Deployment details' }));
    const place = screen.getByRole('button', { name: 'Place legal hold' });
    expect(place).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Reason for the legal hold'), {
      target: { value: 'Civil claim 2025/114' },
    });
    fireEvent.click(place);
    await flush();
    expect(b.setLegalHold).toHaveBeenCalledWith({
      deploymentId: d.deploymentId,
      active: true,
      reason: 'Civil claim 2025/114',
    });

    const held = snapshotFor(d, { operator: supervisor });
    held.retention!.legalHold = {
      reason: 'Civil claim 2025/114',
      by: { id: 'PS 4', name: 'Kim Ellis' },
      at: new Date(T0).toISOString(),
    };
    rerender(<DeploymentPanel snapshot={held} now={T0} bridge={b} />);
    expect(region()).toHaveTextContent('Legal holdimages kept');
    expect(screen.getByRole('dialog')).toHaveTextContent('Held by Kim Ellis (PS 4)');
    expect(screen.getByRole('button', { name: 'Release legal hold' })).toBeInTheDocument();
  });

  it('shows a refused legal hold’s reason', async () => {
    const supervisor = { ...makeSnapshot().operator!, role: 'supervisor' as const };
    const b = bridge();
    b.setLegalHold.mockResolvedValueOnce({
      ok: false,
      error: 'only a signed-in supervisor can place or release a legal hold',
    });
    renderPanel(snapshotFor(makeDeployment(), { operator: supervisor }), b);
    fireEvent.click(screen.getByRole('button', { name: 'Deployment details' }));
    fireEvent.change(screen.getByLabelText('Reason for the legal hold'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Place legal hold' }));
    await flush();
    expect(screen.getByRole('dialog')).toHaveTextContent('only a signed-in supervisor');
  });

  it('gives supervisors the station settings, sending only what changed', async () => {
    const supervisor = { ...makeSnapshot().operator!, role: 'supervisor' as const };
    const { bridge: b } = renderPanel(snapshotFor(makeDeployment(), { operator: supervisor }));
    fireEvent.click(screen.getByRole('button', { name: 'Station settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Station settings' });
    expect(within(dialog).getByLabelText(/Minimum look time/)).toHaveValue(2);
    expect(within(dialog).getByLabelText(/Prompt a break/)).toHaveValue(45);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Red alerts' }));
    fireEvent.change(within(dialog).getByLabelText(/Prompt a break/), { target: { value: '30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    await flush();
    expect(b.updateSettings).toHaveBeenCalledWith({ breakAfterMs: 1_800_000, twoPersonTiers: ['red'] });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lets a supervisor set the backlog targets per tier, in seconds, and refuses one out of range', async () => {
    const supervisor = { ...makeSnapshot().operator!, role: 'supervisor' as const };
    const { bridge: b } = renderPanel(snapshotFor(makeDeployment(), { operator: supervisor }));
    fireEvent.click(screen.getByRole('button', { name: 'Station settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Station settings' });
    const red = within(dialog).getByRole('spinbutton', { name: 'Red backlog target (seconds)' });
    expect(red).toHaveValue(60);
    expect(within(dialog).getByRole('spinbutton', { name: 'Amber backlog target (seconds)' })).toHaveValue(
      180,
    );
    fireEvent.change(red, { target: { value: '5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    expect(
      await within(dialog).findByText(/Red backlog target: between 10 and 3600 seconds/),
    ).toBeInTheDocument();
    expect(b.updateSettings).not.toHaveBeenCalled();
    fireEvent.change(red, { target: { value: '45' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    await flush();
    expect(b.updateSettings).toHaveBeenCalledWith({
      backlogTargetsMs: { red: 45_000, amber: 180_000, green: 600_000 },
    });
  });

  it('refuses settings out of range before sending them', async () => {
    const supervisor = { ...makeSnapshot().operator!, role: 'supervisor' as const };
    const { bridge: b } = renderPanel(snapshotFor(makeDeployment(), { operator: supervisor }));
    fireEvent.click(screen.getByRole('button', { name: 'Station settings' }));
    fireEvent.change(screen.getByLabelText(/Escalate/), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await flush();
    expect(screen.getByRole('alert')).toHaveTextContent('Escalate after: between 10 and 3600 seconds.');
    expect(b.updateSettings).not.toHaveBeenCalled();
  });

  it('is part of the live review screen, with TRAINING marked', async () => {
    const d = makeDeployment({ threshold: 0.5 });
    const snapshot = snapshotFor(d, {
      station: { ...makeSnapshot().station, training: true },
      safeguards: safeguardWarnings(d, T0, true),
    });
    await renderApp(snapshot);
    expect(region()).toHaveTextContent('Training deployment');
    expect(within(region()).getByRole('alert')).toHaveTextContent('National Physical Laboratory');
    expect(screen.getByRole('navigation', { name: 'Alerts' })).toBeInTheDocument();
  });
});

describe('the last hand-over in the details', () => {
  it('lets the officer who took over read the note again once signed in', async () => {
    const handover = {
      by: { id: 'PC 11', name: 'Kai Brook' },
      at: '2025-06-01T09:30:00.000Z',
      note: 'Camera 2 is dark since 09:00.',
      open: { undecided: 1, escalated: 0, outcomesAwaited: 2 },
    };
    await renderApp(snapshotFor(makeDeployment(), { handover }));
    // Signed in: the sign-in screen that showed it is gone.
    expect(screen.queryByText(/Camera 2 is dark/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Deployment details' }));
    const dialog = screen.getByRole('dialog', { name: 'Deployment details' });
    const summary = within(dialog).getByRole('region', { name: /^Handed over by Kai Brook \(PC 11\)/ });
    expect(summary).toHaveTextContent('“Camera 2 is dark since 09:00.”');
    expect(summary).toHaveTextContent('2 engagements awaiting an outcome');
  });

  it('says nothing of a hand-over where there was none', async () => {
    await renderApp(snapshotFor(makeDeployment(), { handover: null }));
    fireEvent.click(screen.getByRole('button', { name: 'Deployment details' }));
    const dialog = screen.getByRole('dialog', { name: 'Deployment details' });
    expect(within(dialog).queryByRole('region', { name: /^Handed over/ })).toBeNull();
  });
});

describe('rollback alarm on the banner', () => {
  const rollback = {
    code: 'journal-rollback' as const,
    severity: 'serious' as const,
    title: 'Journal rolled back',
    detail: 'the feed server holds checkpoint seq 40 …',
    alarm: { kind: 'journal-rollback' as const, deploymentId: 'DEP-2025-0601-A' },
  };
  const withAlarm = (role: 'officer' | 'supervisor') =>
    snapshotFor(makeDeployment(), {
      safeguards: [rollback],
      operator: { ...makeSnapshot().operator!, role },
    });

  it('an officer sees the alarm but no way to resolve it', async () => {
    await renderApp(withAlarm('officer'));
    expect(within(region()).getByText('Journal rolled back')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resolve rollback' })).not.toBeInTheDocument();
  });

  it('a supervisor resolves it with a note, through the store; a refusal is shown with the reason', async () => {
    const { fake } = await renderApp(withAlarm('supervisor'));
    // The bar holds a small button naming the alarm; the note is in the dialog it opens.
    const open = within(region()).getByRole('button', { name: 'Resolve… Journal rolled back' });
    expect(open).toHaveAttribute('aria-haspopup', 'dialog');
    expect(within(region()).queryByLabelText('Note')).not.toBeInTheDocument();
    open.focus(); // as a press of the button does in a browser
    fireEvent.click(open);
    const dialog = screen.getByRole('dialog', { name: 'Journal rolled back' });
    expect(dialog).toHaveAccessibleDescription(rollback.detail);
    expect(within(dialog).getByLabelText('Note')).toHaveFocus();
    const resolve = within(dialog).getByRole('button', { name: 'Resolve rollback' });
    fireEvent.click(resolve);
    await flush();
    expect(fake.bridge.resolveAlarm).not.toHaveBeenCalled();
    expect(within(dialog).getByText(/Write a note/)).toBeInTheDocument();

    fake.bridge.resolveAlarm.mockResolvedValueOnce({ ok: false, error: 'confirm it is you' });
    fireEvent.change(within(dialog).getByLabelText('Note'), {
      target: { value: ' Backup checked with IT ' },
    });
    fireEvent.click(resolve);
    await flush();
    expect(fake.bridge.resolveAlarm).toHaveBeenCalledWith({
      kind: 'journal-rollback',
      deploymentId: 'DEP-2025-0601-A',
      note: 'Backup checked with IT',
    });
    expect(await within(dialog).findByText('Rollback not resolved: confirm it is you')).toBeInTheDocument();
    // Escape closes it, the alarm still standing, and focus is back on the button.
    fireEvent.keyDown(within(dialog).getByLabelText('Note'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(open).toHaveFocus();
  });
});

describe('alarms only a supervisor clears, of every kind', () => {
  const tampered = {
    code: 'journal-tampered' as const,
    severity: 'serious' as const,
    title: 'Journal tampered',
    detail: 'journal tampered at seq 3: hash does not match …',
    alarm: { kind: 'journal-tampered' as const, deploymentId: 'DEP-2025-0530-B' },
  };
  const foreign = {
    code: 'journal-foreign' as const,
    severity: 'serious' as const,
    title: 'Journal set aside',
    detail: 'A journal this station cannot continue was set aside (not deleted) …',
    alarm: { kind: 'journal-foreign' as const, deploymentId: 'DEP-2025-0529-C' },
  };
  const withAlarms = (role: 'officer' | 'supervisor') =>
    snapshotFor(makeDeployment(), {
      safeguards: [tampered, foreign],
      operator: { ...makeSnapshot().operator!, role },
    });

  it('an officer sees both alarms, announced, with no way to clear them', async () => {
    await renderApp(withAlarms('officer'));
    const announced = within(region()).getByRole('alert');
    expect(announced).toHaveTextContent('Journal tampered');
    expect(announced).toHaveTextContent('Journal set aside');
    expect(screen.queryByRole('button', { name: /^Resolve/ })).not.toBeInTheDocument();
    // The bar cuts a long detail short (deployment-panel.css): the whole warning is its tooltip.
    const chips = within(announced).getAllByRole('listitem');
    expect(chips[0]).toHaveAttribute('title', `Journal tampered ${tampered.detail}`);
    expect(chips[1]).toHaveAttribute('title', `Journal set aside ${foreign.detail}`);
  });

  it('a supervisor resolves each with its own note, naming that alarm', async () => {
    const { fake } = await renderApp(withAlarms('supervisor'));
    const bar = region();
    const openSetAside = within(bar).getByRole('button', { name: 'Resolve… Journal set aside' });
    expect(within(bar).getAllByRole('button', { name: /^Resolve…/ })).toHaveLength(2);
    openSetAside.focus(); // as a press of the button does in a browser
    fireEvent.click(openSetAside);
    let dialog = screen.getByRole('dialog', { name: 'Journal set aside' });
    fireEvent.change(within(dialog).getByLabelText('Note'), {
      target: { value: 'Spare laptop journal; passed to the DPO' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Resolve set-aside journal' }));
    await flush();
    // Resolved: the dialog closes and focus is back where it was.
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(openSetAside).toHaveFocus();
    expect(fake.bridge.resolveAlarm).toHaveBeenCalledTimes(1);
    expect(fake.bridge.resolveAlarm).toHaveBeenCalledWith({
      kind: 'journal-foreign',
      deploymentId: 'DEP-2025-0529-C',
      note: 'Spare laptop journal; passed to the DPO',
    });
    // Main's next state has that alarm gone, and its button with it: focus moves on to the
    // other alarm's button, not to the top of the page.
    await fake.resync(
      snapshotFor(makeDeployment(), {
        safeguards: [tampered],
        operator: { ...makeSnapshot().operator!, role: 'supervisor' },
      }),
    );
    expect(within(bar).queryByRole('button', { name: 'Resolve… Journal set aside' })).not.toBeInTheDocument();
    await nextFrame();
    expect(within(region()).getByRole('button', { name: 'Resolve… Journal tampered' })).toHaveFocus();
    fake.bridge.resolveAlarm.mockResolvedValueOnce({ ok: false, error: 'confirm it is you' });
    fireEvent.click(within(bar).getByRole('button', { name: 'Resolve… Journal tampered' }));
    dialog = screen.getByRole('dialog', { name: 'Journal tampered' });
    fireEvent.change(within(dialog).getByLabelText('Note'), { target: { value: 'Restored from backup' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Resolve tampered journal' }));
    expect(
      await within(dialog).findByText('Tampered journal not resolved: confirm it is you'),
    ).toBeInTheDocument();
  });
});
