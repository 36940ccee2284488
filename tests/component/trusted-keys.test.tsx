/**
 * The trust list on screen (issue 11): in the replay home a supervisor enrols a station key
 * from a pasted trust line with a label; an imported bundle signed by a key not on the list
 * offers "Enrol this station's key". Both go through the replay store to enrolStationKey,
 * and the core's answer (enrolled, or refused with the reason) is shown.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flush, renderApp } from './fixtures';
import { integrity, makeReplay, openFixtureReplay, supervisorSnapshot } from './replay-fixtures';

afterEach(() => vi.restoreAllMocks());

const KEY = 'B'.repeat(43);
const FINGERPRINT = '9999:8888:7777:6666:5555:4444:3333:2222';
const enrolled = (o: { label?: string | null; added?: boolean } = {}) => ({
  ok: true as const,
  stationId: 'van-2',
  publicKey: KEY,
  fingerprint: FINGERPRINT,
  label: o.label ?? null,
  added: o.added ?? true,
});

async function replayHome() {
  const app = await renderApp(supervisorSnapshot());
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Sections' })).getByRole('button', { name: 'Replay' }),
  );
  await flush();
  return { ...app, section: screen.getByRole('region', { name: 'Trusted station keys' }) };
}

describe('trusted station keys', () => {
  it('enrols a pasted trust line with its label and says so; an empty line is never sent', async () => {
    const { fake, section } = await replayHome();
    const button = within(section).getByRole('button', { name: 'Enrol key' });
    fireEvent.click(button);
    await flush();
    expect(fake.bridge.enrolStationKey).not.toHaveBeenCalled();
    expect(within(section).getByText(/Paste a trust line/)).toBeInTheDocument();

    fake.bridge.enrolStationKey.mockResolvedValueOnce(enrolled({ label: 'Van 2' }));
    fake.bridge.listDeployments.mockClear();
    fireEvent.change(within(section).getByRole('textbox', { name: 'Trust line' }), {
      target: { value: `  van-2 ${KEY}  ` },
    });
    fireEvent.change(within(section).getByRole('textbox', { name: 'Label' }), {
      target: { value: ' Van 2 ' },
    });
    fireEvent.click(button);
    await flush();
    expect(fake.bridge.enrolStationKey).toHaveBeenCalledWith({ line: `van-2 ${KEY}`, label: 'Van 2' });
    expect(
      within(section).getByText(`Enrolled station van-2, key ${FINGERPRINT} (Van 2).`),
    ).toBeInTheDocument();
    // The listing's verdicts depend on the trust list: asked for again.
    expect(fake.bridge.listDeployments).toHaveBeenCalled();
  });

  it('shows a refusal with its reason', async () => {
    const { fake, section } = await replayHome();
    fake.bridge.enrolStationKey.mockResolvedValueOnce({
      ok: false,
      error: 'confirm it is you: your last sign-in proof is more than 5 minutes old',
    });
    fireEvent.change(within(section).getByRole('textbox', { name: 'Trust line' }), {
      target: { value: 'van-2 not-a-key' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Enrol key' }));
    await flush();
    expect(within(section).getByRole('alert')).toHaveTextContent(
      'Key not enrolled: confirm it is you: your last sign-in proof is more than 5 minutes old',
    );
  });

  it("an imported bundle under an untrusted key offers to enrol that station's key, by the bundle", async () => {
    const untrusted = integrity({
      status: 'untrusted-key',
      verdict: {
        kind: 'untrusted-key',
        key: {
          stationId: 'van-2',
          publicKey: KEY,
          fingerprint: FINGERPRINT,
          trust: 'not-trusted',
          label: null,
        },
        lastSigned: { seq: 13, at: '2026-03-22T10:15:00.000Z' },
      },
    });
    const replay = { ...makeReplay({ integrity: untrusted }), key: 'import:b1', source: 'import' as const };
    const { fake } = await openFixtureReplay(replay);
    fake.bridge.enrolStationKey.mockResolvedValueOnce(enrolled({ label: 'Van 2', added: false }));
    const form = screen.getByRole('form', { name: "Enrol this station's key" });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Label' }), { target: { value: 'Van 2' } });
    fireEvent.click(within(form).getByRole('button', { name: "Enrol this station's key" }));
    await flush();
    expect(fake.bridge.enrolStationKey).toHaveBeenCalledWith({ key: 'import:b1', label: 'Van 2' });
    expect(within(form).getByText(/^Already on the trust list: station van-2/)).toBeInTheDocument();
  });

  it("a station's own journal or a verified bundle offers no enrolment", async () => {
    await openFixtureReplay({ ...makeReplay(), key: 'import:b2', source: 'import' });
    expect(screen.queryByRole('button', { name: "Enrol this station's key" })).not.toBeInTheDocument();
  });
});
