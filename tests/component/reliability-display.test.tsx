/**
 * Issue 10 on screen: a doubtful clock, the station key's protection, what the station
 * noticed about an alert, a decision the server rejected, and the sound of a refusal.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ReliabilityView } from '../../shared/view';
import { iso, makeAlert, makeDecision, makeSnapshot, renderApp } from './fixtures';

const reliability = (o: Partial<ReliabilityView> = {}): ReliabilityView => ({
  keyProtection: {
    protected: false,
    by: 'file permissions only (0600)',
    warning: 'The station key is not protected by the operating system.',
  },
  refusals: [],
  refusedTotal: 0,
  storage: { ok: true },
  clock: { doubt: null },
  ...o,
});

describe('reliability on screen', () => {
  it('says in one calm line when the signing key is kept in a file, what that protects and what not', async () => {
    const keyDir = '/home/pc7/.config/review-station/keys/data-0123456789ab';
    await renderApp(
      makeSnapshot({
        reliability: reliability({
          keyProtection: { ...reliability().keyProtection!, keyDir },
        }),
      }),
    );
    const summary = screen.getByText('Signing key kept in a file');
    const details = summary.closest('details')!;
    // Calm: not an alarm, not announced; the details stay closed until asked for.
    expect(within(screen.getByRole('banner')).getByText('Signing key kept in a file')).toBe(summary);
    expect(summary.closest('[role="alert"]')).toBeNull();
    expect(details.open).toBe(false);
    fireEvent.click(summary);
    expect(details.open).toBe(true);
    expect(details).toHaveTextContent('a copy of the data folder alone cannot re-sign a forged journal');
    expect(details).toHaveTextContent('anyone who can read the key folder as this user');
    expect(details).toHaveTextContent(keyDir);
  });

  it('says nothing of a key kept in the OS key store', async () => {
    await renderApp(
      makeSnapshot({
        reliability: reliability({ keyProtection: { protected: true, by: 'macOS Keychain', warning: null } }),
      }),
    );
    expect(screen.queryByText('Signing key kept in a file')).not.toBeInTheDocument();
  });

  it('says when the clock is in doubt and retention waits', async () => {
    await renderApp(
      makeSnapshot({ reliability: reliability({ clock: { doubt: 'the station clock reads far ahead' } }) }),
    );
    expect(screen.getByText(/Station clock in doubt/)).toBeInTheDocument();
    expect(
      screen.getByText(/retention deletes nothing until it is confirmed: the station clock reads/),
    ).toBeInTheDocument();
  });

  it('shows the key protection in the deployment details', async () => {
    const deployment = {
      v: 1 as const,
      deploymentId: 'DEP-1',
      title: 'Town centre',
      purpose: 'Locate people wanted for violent offences.',
      intelligenceRef: 'INT/1',
      location: { name: 'Market Street' },
      authorisedBy: { id: 'SUPT-1', name: 'Helen Ashworth', rank: 'Superintendent' },
      authorisedAt: iso(-3 * 86_400_000),
      startsAt: iso(-3_600_000),
      endsAt: iso(8 * 3_600_000),
      threshold: 0.64,
      algorithm: { name: 'FaceMatch', version: '4.2.1' },
      watchlist: { version: 'WL-1', size: 10, reviewedAt: iso(-86_400_000), reviewedBy: 'Insp. Doyle' },
      notice: { given: true, channels: ['signage'] },
      dpiaRef: 'DPIA-1',
      cameras: [{ id: 'CAM-01', label: 'North approach' }],
      retentionDays: 31,
    };
    await renderApp(makeSnapshot({ deployment, reliability: reliability() }));
    fireEvent.click(screen.getByRole('button', { name: 'Deployment details' }));
    expect(screen.getByText('Station key protection')).toBeInTheDocument();
    expect(
      screen.getByText(
        /file permissions only \(0600\) — The station key is not protected by the operating system\./,
      ),
    ).toBeInTheDocument();
  });

  it('notes a clock disagreement, dropped members and conflicting re-sends on the alert', async () => {
    const alert = {
      ...makeAlert(),
      notes: { clockAheadMs: 5 * 60_000, dropped: ['subject.ownerContact: expected string'], conflicts: 2 },
    };
    await renderApp(makeSnapshot({ alerts: [alert] }));
    const notes = screen.getByRole('list', { name: 'Station notes on this alert' });
    expect(notes).toHaveTextContent('Clock disagreement: captured 5 min ahead');
    expect(notes).toHaveTextContent(
      'Not shown, malformed in the feed: subject.ownerContact: expected string',
    );
    expect(notes).toHaveTextContent('sent again 2 times with different content');
  });

  it('shows a decision the server rejected, with its reason', async () => {
    const alert = makeAlert({
      status: 'decided',
      decisions: [{ ...makeDecision(), recorded: false, rejected: 'unknown deployment TRN-X' }],
    });
    await renderApp(makeSnapshot({ alerts: [alert] }));
    // Decided alerts are a tab beside the queue.
    fireEvent.click(screen.getByRole('tab', { name: /Decided/ }));
    fireEvent.click(
      within(screen.getByRole('list', { name: 'Recently decided alerts' })).getByRole('button'),
    );
    expect(screen.getByText('Rejected by the feed server', { exact: false })).toBeInTheDocument();
    expect(screen.getByText(/The feed server rejected this decision/)).toHaveTextContent(
      'unknown deployment TRN-X',
    );
    expect(screen.queryByText(/Waiting to send/)).not.toBeInTheDocument();
  });

  it('sounds the cue when a new refusal arrives', async () => {
    const chime = vi.fn();
    const { fake } = await renderApp(makeSnapshot({ reliability: reliability() }), chime);
    await act(async () => {
      fake.push(
        makeSnapshot({
          reliability: reliability({
            refusedTotal: 1,
            refusals: [
              { at: new Date().toISOString(), alertId: null, seq: 3, code: 'invalid', reason: 'seq: bad' },
            ],
          }),
        }),
      );
      await Promise.resolve();
    });
    expect(chime).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/1 alert refused by this station/)).toBeInTheDocument();
  });
});
