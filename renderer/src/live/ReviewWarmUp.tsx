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
import type { StationAlert } from '../../../shared/view';
import { AlertView } from '../components/AlertView';
import { DecisionForm } from '../components/DecisionForm';
import { emptyDecisionDraft, type FormProblem } from '../state/form-rules';
import { initialView } from '../state/viewer-slice';

let drawnOnce = false;

/** Made-up content in the shape of a fresh alert; its images are absent, so nothing is fetched. */
const SAMPLE: StationAlert = {
  alertId: 'warm-up',
  seq: 0,
  deploymentId: 'warm-up',
  capturedAt: '2026-01-01T12:00:00.000Z',
  receivedAt: '2026-01-01T12:00:00.000Z',
  camera: { id: 'cam', label: 'Camera' },
  score: 0.7,
  threshold: 0.64,
  probe: { sha256: '', mime: 'image/jpeg', width: 320, height: 320, bytes: 0, url: null },
  scene: null,
  subject: {
    entryId: 'entry',
    name: 'Sample name',
    category: 'sample-category',
    tier: 'red',
    reason: 'Sample reason.',
    warnings: ['Sample warning'],
    ownerContact: null,
    image: {
      sha256: '',
      mime: 'image/jpeg',
      width: 400,
      height: 400,
      bytes: 0,
      url: null,
      takenAt: '2020-01-01',
      source: 'Sample source',
    },
  },
  status: 'pending',
  withdrawnReason: null,
  shownAt: null,
  escalated: false,
  decisions: [],
  outcomes: [],
};

/** What a fresh form shows: nothing chosen, nothing written. */
const PROBLEMS: FormProblem[] = [
  { field: 'decision', message: 'Choose a decision.' },
  { field: 'rationale', message: 'Write a rationale.' },
];

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
            draft={emptyDecisionDraft()}
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
