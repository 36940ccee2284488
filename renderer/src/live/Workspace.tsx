import { memo } from 'react';
/** Live review once signed in: the queue beside the open alert. */
import { Queue } from '../components/Queue';
import { RecentList } from '../components/RecentList';
import { useStation } from '../state';
import { ReviewPane } from './ReviewPane';
import './layout.css';

/** Memoised: it has no props, so only its own subscriptions re-render it. */
export const Workspace = memo(function Workspace() {
  const hasOpen = useStation((s) => s.openAlertId !== null && s.openAlertId in s.alerts);
  const saveAnnouncement = useStation((s) => s.saveAnnouncement);
  return (
    <div className="workspace">
      <nav aria-label="Alerts" className="sidebar">
        <Queue />
        <RecentList />
      </nav>
      <main className="review">
        <p className="save-announcement" aria-live="polite">
          {saveAnnouncement}
        </p>
        {hasOpen ? (
          <ReviewPane />
        ) : (
          <div className="centre-message">
            <h2>No alert open</h2>
            <p className="muted">Waiting for alerts. A new alert opens here by itself.</p>
          </div>
        )}
      </main>
    </div>
  );
});
