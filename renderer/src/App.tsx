import { useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type { Tier } from '../../shared/feed/schemas';
import { bridgeKind, getBridge } from './bridge';
import {
  createStationStore,
  StationStoreProvider,
  useStation,
  useStationNow,
  useStationStore,
} from './state';
import { playChime } from './sound';
import { StatusBar } from './components/StatusBar';
import { DeploymentPanel } from './components/DeploymentPanel';
import { FatalBanner } from './components/FatalBanner';
import { focusReview } from './components/focus-review';
import { SignIn } from './components/SignIn';
import { AccessGuard } from './access/AccessGuard';
import { AccountsDialog } from './access/AccountsDialog';
import { CredentialSignIn } from './access/CredentialSignIn';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { WelfarePrompt } from './components/WelfarePrompt';
import { monoElapsed } from './state/monotonic';
import { Workspace } from './live/Workspace';
import { HandoverDialog, HandoverSummary } from './live/Handover';
import { SkipLink } from './live/SkipLink';
import { ImageWindow, imagesRoute } from './live/ImageWindow';
import { useShortcuts } from './live/useShortcuts';
import { ReplayScreen } from './replay/Replay';
import { ReviewWarmUp } from './live/ReviewWarmUp';
import { createReplayStore } from './replay/replay-store';
import { downloadExport } from './replay/export-download';
import { SectionNav, type AppSection } from './replay/SectionNav';
import { useLeaveGuard } from './leave-guard';
import { LanguageChooser } from './i18n/LanguageChooser';

interface AppProps {
  /** Local clock ticker in ms (0 = only the station's `clock` events move time). */
  tickMs?: number;
  chime?: (tier: Tier) => void;
  /** This page's monotonic clock (tests pin it; default performance.now). */
  localMono?: () => number;
}

export function App({ tickMs, chime, localMono }: AppProps) {
  // Electron's second window shows only the image pane (and never chimes: the main window does).
  const [images] = useState(() => imagesRoute(window.location.hash));
  const [store] = useState(() =>
    createStationStore(getBridge(), {
      ...(tickMs !== undefined ? { tickMs } : {}),
      ...(localMono ? { localMono } : {}),
      chime: images ? () => {} : (chime ?? playChime),
    }),
  );
  useEffect(() => store.getState().start(), [store]);
  return (
    <StationStoreProvider store={store}>
      {images ? <ImageWindow initialAlertId={images.alertId} /> : <Shell />}
    </StationStoreProvider>
  );
}

/** The screen's frame; it re-renders only when what it chooses between changes. */
function Shell() {
  // Browser mode hands exports over as downloads; Electron's main asks where to save them.
  const [replayStore] = useState(() =>
    createReplayStore(getBridge(), bridgeKind() === 'browser' ? downloadExport : undefined),
  );
  const [section, setSection] = useState<AppSection>('live');
  const hasStation = useStation((s) => s.station !== null);
  const operatorId = useStation((s) => s.station?.operator?.id ?? null);
  const supervisor = useStation((s) => s.station?.operator?.role === 'supervisor');
  const training = useStation((s) => s.station?.station.training ?? false);
  const fatal = useStation((s) => s.station?.fatal ?? null);
  const undecided = useStation((s) => s.station?.counts.undecided ?? 0);
  const overlay = useStation((s) => s.overlay);
  const setOverlay = useStation((s) => s.setOverlay);
  const openAlertId = useStation((s) => s.openAlertId);
  const store = useStationStore();
  // Electron: the image window follows the alert open here (main passes it on).
  const followInImageWindow = useStation((s) => s.followInImageWindow);
  useEffect(() => {
    if (bridgeKind() === 'electron') followInImageWindow(openAlertId);
  }, [openAlertId, followInImageWindow]);
  // Replay and its review tools are for supervisors; an officer only ever sees live review.
  const inReplay = supervisor && section === 'replay';
  const liveKeysOff = useRef(inReplay);
  liveKeysOff.current = inReplay;
  useShortcuts(store, liveKeysOff);
  useLeaveGuard(undecided);

  // When the open alert changes (after a decision, the next one opens), focus lands on the new alert
  // unless the officer is elsewhere on purpose (the queue, a dialog). After the last one, it lands
  // on "No alert open": left on the page body, the next Tab would start again from the top.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('#review')) focusReview();
    // Also once signed in (issue 24): the open alert, not the page body.
  }, [openAlertId, operatorId, inReplay]);

  let content;
  if (!hasStation) content = <Connecting />;
  else if (!operatorId) content = <SignInScreen />;
  else if (inReplay) content = <ReplayScreen store={replayStore} operatorId={operatorId} />;
  else content = <Workspace />;

  return (
    <div className={`app${training ? ' training' : ''}${operatorId && !inReplay ? ' live-screen' : ''}`}>
      {fatal && <FatalBanner message={fatal} />}
      {operatorId && !inReplay && <SkipLink />}
      <StatusBar />
      {hasStation && <DeploymentBar />}
      {supervisor && <SectionNav section={section} onChange={setSection} />}
      {content}
      <Welfare />
      <AccessGuard />
      {overlay === 'shortcuts' && <ShortcutsHelp onClose={() => setOverlay(null)} />}
      {overlay === 'handover' && operatorId && <HandoverDialog />}
      {/* The first alert opens as fast as the rest (ReviewWarmUp.tsx); never beside an open
          alert or a replayed one (their element ids would be on the page twice). */}
      {!openAlertId && !inReplay && <ReviewWarmUp />}
    </div>
  );
}

function Connecting() {
  const error = useStation((s) => s.connectError);
  return (
    <main className="centre-message">
      <p>
        <FormattedMessage
          id="live.app.connecting"
          defaultMessage="Connecting to the station…"
          description="Shown before the screen has reached the station's core"
        />
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}

function SignInScreen() {
  const signIn = useStation((s) => s.signIn);
  const signInAs = useStation((s) => s.signInAs);
  const access = useStation((s) => s.station?.access ?? null);
  const handover = useStation((s) => s.station?.handover ?? null);
  const summary = handover && <HandoverSummary handover={handover} />;
  // On a real feed: a credential, no role choice. The typed form is the training feed's alone.
  // The language first, so an officer who reads only Welsh can read the rest.
  return (
    <main className="centre-message">
      <LanguageChooser />
      {access && !access.methods.training ? (
        <>
          {summary}
          <CredentialSignIn access={access} />
        </>
      ) : (
        <SignIn busy={signIn.busy} error={signIn.error} onSignIn={(p) => void signInAs(p)}>
          {summary}
        </SignIn>
      )}
    </main>
  );
}

function DeploymentBar() {
  const station = useStation((s) => s.station);
  const now = useStationNow(1000);
  const setLegalHold = useStation((s) => s.setLegalHold);
  const resolveAlarm = useStation((s) => s.resolveAlarm);
  const updateSettings = useStation((s) => s.updateSettings);
  const listAccounts = useStation((s) => s.listAccounts);
  const addAccount = useStation((s) => s.addAccount);
  const disableAccount = useStation((s) => s.disableAccount);
  const enableAccount = useStation((s) => s.enableAccount);
  const resetPassword = useStation((s) => s.resetPassword);
  // One object while the actions stay the same, so an open dialog does not reload on each tick.
  const accounts = useMemo(
    () => ({ listAccounts, addAccount, disableAccount, enableAccount, resetPassword }),
    [listAccounts, addAccount, disableAccount, enableAccount, resetPassword],
  );
  if (!station) return null;
  return (
    <DeploymentPanel
      snapshot={station}
      now={now}
      bridge={{ setLegalHold, updateSettings, resolveAlarm }}
      accountsDialog={(p) => <AccountsDialog actions={accounts} {...p} />}
      lastHandover={station.handover ? <HandoverSummary handover={station.handover} /> : undefined}
    />
  );
}

function Welfare() {
  // Time on review on the station's monotonic clock, in whole minutes (re-renders once a minute).
  const minutes = useStation((s) => {
    const operator = s.station?.breakDue ? s.station.operator : null;
    if (!operator) return null;
    // Until the station's clock is heard, `now` is this machine's: no start is fixed from it.
    const reviewing = s.clockHeard
      ? monoElapsed(`review:${operator.id}`, operator.reviewSince, s.now, s.mono)
      : s.now - Date.parse(operator.reviewSince);
    return Math.max(1, Math.floor(reviewing / 60_000));
  });
  const welfare = useStation((s) => s.welfare);
  if (minutes === null) return null;
  return <WelfarePrompt minutes={minutes} onAction={(a) => void welfare(a)} />;
}
