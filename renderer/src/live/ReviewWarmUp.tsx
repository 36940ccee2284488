/**
 * The review pane drawn once, out of sight, while the screen is idle before its first alert.
 *
 * Traced in Chromium (issue 21/25), the first alert after sign-in took 40 to 45 ms of script,
 * style and layout to mount its review pane where later alerts took about 15: the pane's
 * components ran for the first time (V8 compiled them then) and Chromium styled and laid
 * out its kinds of element for the first time. Drawing the same components once beforehand,
 * with made-up content and nothing connected, pays that while the officer is still signing
 * in, so the first real alert opens as fast as the rest.
 *
 * What keeps it harmless: it is inert and aria-hidden (nothing in it can take focus or be
 * read out), hidden (visibility, so it is still styled and laid out but never painted or
 * hit), drawn only while no alert is open (the pane's element ids are never on the page
 * twice), gone one frame later, and once per page. Its content is invented, not an alert:
 * nothing leaves the screen, nothing is reported to the core. Only where the browser has
 * idle time to offer (requestIdleCallback) does it run at all; elsewhere (jsdom) it never draws.
 */
import { useEffect, useState } from 'react';
import { alertFromEntry } from '../../../shared/journal/alert-of-entry';
import { DEFAULT_SETTINGS } from '../../../shared/vocabulary';
import { AlertView } from '../components/AlertView';
import { DecisionForm } from '../components/DecisionForm';
import { emptyDecisionDraft, formProblems } from '../state/form-rules';
import { initialView } from '../state/viewer-slice';

let drawnOnce = false;

/** A made-up image: its name is listed as purged below, so it has no URL and nothing is fetched. */
const image = (size: number) => ({ sha256: '', mime: 'image/jpeg', width: size, height: size, bytes: 0 });

/** Made-up content, built as every alert is (from its alert-received data), never a real one. */
const SAMPLE = alertFromEntry(
  {
    alertId: 'warm-up',
    seq: 1,
    deploymentId: 'warm-up',
    capturedAt: '2026-01-01T12:00:00.000Z',
    camera: { id: 'cam', label: 'Camera' },
    score: 0.7,
    threshold: 0.64,
    probe: image(320),
    subject: {
      entryId: 'entry',
      name: 'Sample name',
      category: 'sample-category',
      tier: 'red',
      reason: 'Sample reason.',
      warnings: ['Sample warning'],
      image: { ...image(400), takenAt: '2020-01-01', source: 'Sample source' },
    },
  },
  '2026-01-01T12:00:00.000Z',
  'warm-up',
  new Set(['']),
);

/** What a fresh form shows, from the form's own rules: nothing chosen, nothing written. */
const DRAFT = emptyDecisionDraft();
const PROBLEMS = formProblems({
  alert: SAMPLE,
  settings: DEFAULT_SETTINGS,
  draft: DRAFT,
  rendered: false,
  shownAt: null,
  now: 0,
  operatorId: 'warm-up',
  fatal: null,
});

const nothing = () => undefined;

/** Whether this page can be given idle time (not jsdom, not an old engine). */
const canIdle = () => typeof window !== 'undefined' && typeof window.requestIdleCallback === 'function';

export function ReviewWarmUp() {
  const [phase, setPhase] = useState<'waiting' | 'drawn' | 'done'>(() =>
    drawnOnce || !canIdle() ? 'done' : 'waiting',
  );
  useEffect(() => {
    if (phase !== 'waiting') return;
    const idle = window.requestIdleCallback(() => setPhase('drawn'), { timeout: 2000 });
    return () => window.cancelIdleCallback(idle);
  }, [phase]);
  useEffect(() => {
    if (phase !== 'drawn') return;
    drawnOnce = true;
    // Kept for one frame: style and layout of it are what is paid in advance.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => setPhase('done'));
    });
    return () => cancelAnimationFrame(frame);
  }, [phase]);
  if (phase !== 'drawn') return null;
  return (
    <div className="review-warm-up" aria-hidden="true" inert>
      <div className="review-grid">
        <AlertView
          alert={SAMPLE}
          capturedAgo="1 min"
          view={initialView()}
          onImageLoad={nothing}
          onZoom={nothing}
          onPan={nothing}
          onResetView={nothing}
          onToggleScene={nothing}
        />
        <div className="side">
          <DecisionForm
            mode="decide"
            revision={1}
            draft={DRAFT}
            problems={PROBLEMS}
            needsSecondOfficer={false}
            save={undefined}
            onDecision={nothing}
            onToggleReason={nothing}
            onRationale={nothing}
            onSecond={nothing}
            onSubmit={nothing}
          />
        </div>
      </div>
    </div>
  );
}
