/** Live review once signed in: the queue (or the decided alerts) beside the open alert. */
import { memo, type MouseEvent } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import { Queue } from '../components/Queue';
import { RecentList } from '../components/RecentList';
import { selectPendingQueue, selectRecent, useStation } from '../state';
import { RoomPanel } from '../room/RoomPanel';
import { Alarms } from './Alarms';
import { ReviewPane } from './ReviewPane';
import './layout.css';

const m = messageTable(
  defineMessages({
    drawer: {
      id: 'live.workspace.drawer',
      defaultMessage: 'Alerts ({count} undecided)',
      description: 'Button that opens the list of alerts on a narrow screen',
    },
    jumpTo: {
      id: 'live.workspace.jump-to',
      defaultMessage: 'Jump to',
      description: 'Name of the jump links',
    },
    faces: {
      id: 'live.workspace.jump.faces',
      defaultMessage: 'Faces',
      description: 'Jump link to the faces',
    },
    form: {
      id: 'live.workspace.jump.form',
      defaultMessage: 'Decision form',
      description: 'Jump link to the decision form',
    },
    noAlert: { id: 'live.workspace.no-alert', defaultMessage: 'No alert open', description: 'Heading' },
    waiting: {
      id: 'live.workspace.waiting',
      defaultMessage: 'Waiting for alerts. A new alert opens here by itself.',
      description: 'When no alert is open',
    },
    alerts: { id: 'live.workspace.alerts', defaultMessage: 'Alerts', description: 'Name of the alert lists' },
    lists: {
      id: 'live.workspace.lists',
      defaultMessage: 'Alert lists',
      description: 'Name of the tabs: Queue and Decided',
    },
    queue: {
      id: 'live.workspace.tab.queue',
      defaultMessage: 'Queue',
      description: 'Tab: alerts waiting for a decision',
    },
    decided: {
      id: 'live.workspace.tab.decided',
      defaultMessage: 'Decided',
      description: 'Tab: alerts decided recently',
    },
  }),
);

/** Memoised: it has no props, so only its own subscriptions re-render it. */
/** Focus (and so scroll to) a heading instead of changing the URL. */
const jumpTo = (id: string) => (event: MouseEvent) => {
  event.preventDefault();
  const target = document.getElementById(id);
  target?.focus();
  target?.scrollIntoView({ block: 'start' });
};

export const Workspace = memo(function Workspace() {
  const hasOpen = useStation((s) => s.openAlertId !== null && s.alerts.has(s.openAlertId));
  const saveAnnouncement = useStation((s) => s.saveAnnouncement);
  const drawerOpen = useStation((s) => s.drawerOpen);
  const setDrawerOpen = useStation((s) => s.setDrawerOpen);
  const waiting = useStation((s) => selectPendingQueue(s).length);
  const intl = useIntl();
  return (
    <div
      className={`workspace${drawerOpen ? ' drawer-open' : ''}`}
      onKeyDown={(event) => {
        // Esc closes the drawer and hands focus back to its button.
        if (event.key !== 'Escape' || !drawerOpen) return;
        event.preventDefault();
        setDrawerOpen(false);
        document.getElementById('drawer-toggle')?.focus();
      }}
    >
      <Sidebar />
      <main className="review" id="review">
        <div className="review-top">
          <button
            type="button"
            id="drawer-toggle"
            className="drawer-toggle"
            aria-expanded={drawerOpen}
            aria-controls="alerts-sidebar"
            onClick={() => setDrawerOpen(!drawerOpen)}
          >
            {intl.formatMessage(m.drawer, { count: waiting })}
          </button>
          {/* At 200% zoom the review stacks: one step to the faces, one to the form. */}
          {hasOpen && (
            <nav className="jump-links" aria-label={intl.formatMessage(m.jumpTo)}>
              <a href="#alert-heading" onClick={jumpTo('alert-heading')}>
                {intl.formatMessage(m.faces)}
              </a>
              <a href="#decision-form-heading" onClick={jumpTo('decision-form-heading')}>
                {intl.formatMessage(m.form)}
              </a>
            </nav>
          )}
        </div>
        <Alarms />
        <RoomPanel />
        {hasOpen && <ReviewPane />}
        {/* Hidden while an alert is open, not taken out: it holds focus when the next alert
            comes, and taking a focused element out of the page made the browser lay the page
            out there and then, in the middle of showing the faces (issue 25). Hidden, it is out
            of sight and of the accessibility tree; focus moves to the alert in the next frame. */}
        <div className="centre-message" hidden={hasOpen}>
          {/* Focus comes here when the last waiting alert is decided (App.tsx), not to the page body. */}
          <h2 id="no-alert-heading" tabIndex={-1}>
            {intl.formatMessage(m.noAlert)}
          </h2>
          <p className="muted">{intl.formatMessage(m.waiting)}</p>
        </div>
      </main>
      {/* Beside the queue, under it (layout.css): a saved decision never pushes the review down. */}
      <p className="save-announcement" aria-live="polite">
        {saveAnnouncement}
      </p>
    </div>
  );
});

/** Undecided alerts, or those decided recently (for an outcome or an amendment), as two tabs. */
function Sidebar() {
  const tab = useStation((s) => s.sidebarTab);
  const setTab = useStation((s) => s.setSidebarTab);
  const waiting = useStation((s) => selectPendingQueue(s).length);
  const decided = useStation((s) => selectRecent(s).length);
  const intl = useIntl();
  const tabs = [
    { id: 'queue', label: intl.formatMessage(m.queue), count: waiting },
    { id: 'decided', label: intl.formatMessage(m.decided), count: decided },
  ] as const;
  return (
    <nav aria-label={intl.formatMessage(m.alerts)} className="sidebar" id="alerts-sidebar">
      <div role="tablist" aria-label={intl.formatMessage(m.lists)} className="sidebar-tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            // Both tabs are in the Tab order (issue 24): the Decided list is found without arrow keys.
            tabIndex={0}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
              e.preventDefault();
              const other = t.id === 'queue' ? 'decided' : 'queue';
              setTab(other);
              document.getElementById(`tab-${other}`)?.focus();
            }}
          >
            {t.label} <span className="count">{t.count}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="sidebar-panel">
        {tab === 'queue' ? <Queue /> : <RecentList />}
      </div>
    </nav>
  );
}
