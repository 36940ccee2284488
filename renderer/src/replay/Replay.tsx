import { useEffect, useMemo, type ReactNode } from 'react';
import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { useStore } from 'zustand';
import type { ReplayData } from '../../../shared/replay';
import { isTypingTarget } from '../keyboard';
import { localDateTime } from '../format';
import { AlertList } from './AlertList';
import { Exports } from './Exports';
import { FiltersPanel } from './FiltersPanel';
import { IntegrityBadge, TamperBanner } from './IntegrityBadge';
import { IntegrityDetails } from './IntegrityDetails';
import { LegalHold } from './LegalHold';
import { LoadingProgress } from './LoadingProgress';
import { MomentView } from './MomentView';
import { PlaybackControls } from './PlaybackControls';
import { ReplayHome } from './ReplayHome';
import { EnrolBundleKey } from './TrustedKeys';
import { Statistics } from './Statistics';
import { Timeline } from './Timeline';
import { alertAt, reviewsOf, upperBound } from './replay-index';
import type { ReplaySection, ReplayStore } from './replay-store';
import { usePlayback } from './usePlayback';
import './replay.css';

interface ReplayScreenProps {
  store: ReplayStore;
  /** The signed-in supervisor; another person starts with a clean replay state. */
  operatorId: string;
}

/** Supervisors' replay: pick a deployment, watch it verified, then replay it. */
export function ReplayScreen({ store, operatorId }: ReplayScreenProps) {
  const intl = useIntl();
  const state = useStore(store);
  useEffect(() => {
    const s = store.getState();
    if (s.owner !== operatorId) s.reset(operatorId);
    const now = store.getState();
    if (!now.replay && !now.opening) void now.refresh();
  }, [store, operatorId]);

  let content;
  if (state.opening) content = <LoadingProgress progress={state.opening.progress} onCancel={state.close} />;
  else if (state.replay && state.index) content = <OpenReplay store={store} />;
  else
    content = (
      <ReplayHome
        deployments={state.deployments}
        listing={state.listing}
        importing={state.importing}
        openError={state.openError}
        onRefresh={() => void state.refresh()}
        onOpen={(key) => void state.open(key)}
        onImport={(path) => void state.importBundle(path)}
        enrolment={state.enrolment}
        onEnrol={state.enrolKey}
        listArchive={state.listArchive}
      />
    );
  return (
    <main className="replay" aria-label={intl.formatMessage(M.replay)}>
      {content}
    </main>
  );
}

const M = defineMessages({
  replay: {
    id: 'reports.replay.name',
    defaultMessage: 'Replay',
    description: 'The replay screen (landmark name)',
  },
  timeline: {
    id: 'reports.replay.timeline',
    defaultMessage: 'Timeline',
    description: 'Replay view and heading',
  },
  statistics: { id: 'reports.replay.statistics', defaultMessage: 'Statistics', description: 'Replay view' },
  exports: {
    id: 'reports.replay.exports',
    defaultMessage: 'Report and exports',
    description: 'Replay view: the report, exports and legal hold',
  },
  views: {
    id: 'reports.replay.views',
    defaultMessage: 'Replay views',
    description: 'Navigation between the replay views',
  },
  imported: {
    id: 'reports.replay.imported',
    defaultMessage: 'imported bundle',
    description: 'Where the replay came from',
  },
  station: {
    id: 'reports.replay.this-station',
    defaultMessage: "this station's journal",
    description: 'Where the replay came from',
  },
});

/** The space between two phrases (a variable: the lint rule reads a literal as untranslated text). */
const SPACE = ' ';

const SECTIONS: { id: ReplaySection; label: MessageDescriptor }[] = [
  { id: 'timeline', label: M.timeline },
  { id: 'statistics', label: M.statistics },
  { id: 'exports', label: M.exports },
];

function OpenReplay({ store }: { store: ReplayStore }) {
  const intl = useIntl();
  const state = useStore(store);
  const replay = state.replay!;
  const index = state.index!;
  const visible = state.visible!;
  const { section } = state;
  usePlayback(store, state.playing);
  useReplayKeys(store, section === 'timeline');
  const listing = state.deployments?.find((d) => d.key === replay.key);

  const filters = (
    <FiltersPanel
      replay={replay}
      filter={state.filter}
      shown={visible.alerts.length}
      total={index.alerts.length}
      onChange={state.setFilter}
      onClear={state.clearFilter}
    />
  );

  return (
    <div className="open-replay">
      <ReplayHeader replay={replay} title={listing?.title} onClose={state.close} />
      <nav aria-label={intl.formatMessage(M.views)} className="subnav">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                aria-current={section === s.id ? 'page' : undefined}
                onClick={() => state.setSection(s.id)}
              >
                {intl.formatMessage(s.label)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <TamperBanner integrity={replay.integrity} />
      {replay.source === 'import' && replay.integrity.verdict?.kind === 'untrusted-key' && (
        <EnrolBundleKey replayKey={replay.key} state={state.enrolment} onEnrol={state.enrolKey} />
      )}

      {section === 'timeline' && <TimelineView store={store} filters={filters} />}

      {section === 'statistics' && (
        <div className="replay-grid">
          <div className="replay-side">{filters}</div>
          <Statistics replay={replay} alerts={visible.alerts} filtered={visible.ids !== null} />
        </div>
      )}

      {section === 'exports' && (
        <div className="exports-grid">
          <IntegrityDetails replay={replay} />
          <Exports
            state={state.exports}
            onExport={(kind, images, language) => void state.exportAs(kind, images, language)}
          />
          {/* A hold is on this station's journal of the deployment; the archive keeps its own (docs/archive.md). */}
          {!replay.stations && (
            <LegalHold
              deploymentId={replay.deploymentId}
              hold={listing?.legalHold}
              state={state.hold}
              onSubmit={(active, reason) => void state.setLegalHold(replay.deploymentId, active, reason)}
            />
          )}
        </div>
      )}
    </div>
  );
}

/** The timeline view: the timeline and playback, the filters and alert list, and the selected alert as it stood. */
function TimelineView({ store, filters }: { store: ReplayStore; filters: ReactNode }) {
  const intl = useIntl();
  const state = useStore(store);
  const index = state.index!;
  const visible = state.visible!;
  const { time } = state;
  const selected = state.selectedId ? (index.byId.get(state.selectedId) ?? null) : null;
  const moment = useMemo(() => (selected ? alertAt(selected, time, index) : null), [selected, time, index]);
  const current =
    state.cursor !== null
      ? (index.events[state.cursor] ?? null)
      : (index.events[upperBound(index.eventTimes, time) - 1] ?? null);
  return (
    <>
      <section className="panel timeline-panel" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{intl.formatMessage(M.timeline)}</h2>
        <Timeline
          from={index.from}
          to={index.to}
          time={time}
          alerts={visible.alerts}
          selected={selected}
          onPick={state.selectNearest}
        />
        <PlaybackControls
          from={index.from}
          to={index.to}
          time={time}
          playing={state.playing}
          speed={state.speed}
          current={current}
          announcement={state.announcement}
          onTogglePlay={state.togglePlay}
          onSpeed={state.setSpeed}
          onStep={state.step}
          onScrub={state.scrub}
        />
      </section>
      <div className="replay-grid">
        <div className="replay-side">
          {filters}
          <AlertList
            alerts={visible.alerts}
            times={visible.times}
            time={time}
            selectedId={state.selectedId}
            withdrawnAt={index.withdrawnAt}
            onSelect={state.selectAlert}
          />
        </div>
        <section className="moment-pane" aria-labelledby="moment-heading">
          <h2 id="moment-heading" className="visually-hidden">
            <FormattedMessage
              id="reports.replay.moment-heading"
              defaultMessage="Selected alert at the replay time"
              description="Heading (for screen readers) of the selected alert pane"
            />
          </h2>
          {moment && selected ? (
            <MomentView
              key={moment.alertId}
              alert={moment}
              time={time}
              reviews={reviewsOf(selected, state.extraReviews)}
              review={state.review}
              onReview={(p) => void state.submitReview({ alertId: moment.alertId, ...p })}
            />
          ) : (
            <div className="panel centre-message">
              <p>
                {selected
                  ? intl.formatMessage({
                      id: 'reports.replay.not-arrived',
                      defaultMessage: 'The selected alert had not arrived yet at this time.',
                      description: 'The selected alert arrived after the replay time',
                    })
                  : intl.formatMessage({
                      id: 'reports.replay.select-hint',
                      defaultMessage: 'Select an alert on the timeline or in the list, or step to an event.',
                      description: 'When no alert is selected',
                    })}
              </p>
            </div>
          )}
        </section>
      </div>
    </>
  );
}

function ReplayHeader({
  replay,
  title,
  onClose,
}: {
  replay: ReplayData;
  title: string | undefined;
  onClose: () => void;
}) {
  const intl = useIntl();
  const d = replay.deployment;
  return (
    <div className="replay-header">
      <div>
        <h2 className="replay-title">
          {d?.title ?? title ?? replay.deploymentId}
          {replay.training && (
            <span className="training-tag">
              <FormattedMessage
                id="reports.replay.training"
                defaultMessage="Training"
                description="Tag beside a training deployment's title"
              />
            </span>
          )}
        </h2>
        <p className="muted small">
          <FormattedMessage
            id="reports.replay.deployment"
            defaultMessage="Deployment {id} ·"
            description="Before where the replay came from; id is the deployment id"
            values={{ id: <code>{replay.deploymentId}</code> }}
          />
          {SPACE}
          {replay.stations
            ? intl.formatMessage(
                {
                  id: 'reports.replay.archive',
                  defaultMessage: 'the archive, {count} station journals',
                  description: 'Where the replay came from: the archive, with how many station journals',
                },
                { count: String(replay.stations.length) },
              )
            : intl.formatMessage(replay.source === 'import' ? M.imported : M.station)}
          {d
            ? intl.formatMessage(
                {
                  id: 'reports.replay.authorised',
                  defaultMessage: ' · authorised {from} – {to}',
                  description: 'The authorised window (starts with a space)',
                },
                { from: localDateTime(d.startsAt), to: localDateTime(d.endsAt) },
              )
            : ''}
        </p>
      </div>
      <IntegrityBadge integrity={replay.integrity} />
      <button type="button" onClick={onClose}>
        <FormattedMessage
          id="reports.replay.back"
          defaultMessage="Back to deployments"
          description="Button: close the replay"
        />
      </button>
    </div>
  );
}

/** Space plays or pauses, arrows step between events, unless focus is where keys mean something else. */
function useReplayKeys(store: ReplayStore, active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (isTypingTarget(target)) return;
      const el = target instanceof HTMLElement ? target : null;
      const control = el?.closest('input, select, textarea, [role="slider"], [role="radio"]');
      if (event.key === ' ') {
        // Space already presses a focused button or ticks a box.
        if (control || el?.closest('button, a, summary')) return;
        store.getState().togglePlay();
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        if (control) return;
        store.getState().step(event.key === 'ArrowRight' ? 1 : -1);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, active]);
}
