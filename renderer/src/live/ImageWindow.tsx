/**
 * The `#images` route: only the image pane, in Electron's second window (issue 14), for
 * comparing faces on another monitor. It shows the alert the main window has open, told
 * by main (viewerFollow events); the first one comes in the route itself. It records
 * nothing: the main window's pane is the one whose rendering counts as the alert shown.
 */
import { useEffect, useState } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import { useStation } from '../state';
import { ImagePair } from '../components/ImagePair';
import { ViewerTools } from './ViewerTools';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `#images` or `#images:<alert id>`: the image window's route and its first alert; null for any other page. */
export function imagesRoute(hash: string): { alertId: string | null } | null {
  const match = /^#images(?::(.*))?$/.exec(hash);
  if (!match) return null;
  const id = match[1];
  return { alertId: id && UUID.test(id) ? id : null };
}

const noImageReport = () => {};

const m = messageTable(
  defineMessages({
    main: { id: 'live.image-window.label', defaultMessage: 'Images', description: 'Image window: its name' },
    heading: {
      id: 'live.image-window.heading',
      defaultMessage: 'Images of the open alert',
      description: 'Image window: heading for screen readers',
    },
    tools: {
      id: 'live.image-window.tools',
      defaultMessage: 'Image tools',
      description: 'Group of image controls',
    },
    resetZoom: { id: 'live.image-window.reset-zoom', defaultMessage: 'Reset zoom', description: 'Button' },
    none: {
      id: 'live.image-window.none',
      defaultMessage: 'No alert is open in the main window.',
      description: 'Image window when the main window shows no alert',
    },
  }),
);

export function ImageWindow({ initialAlertId }: { initialAlertId: string | null }) {
  const [alertId, setAlertId] = useState(initialAlertId);
  const intl = useIntl();
  const onViewerFollow = useStation((s) => s.onViewerFollow);
  useEffect(() => onViewerFollow(setAlertId), [onViewerFollow]);
  const alert = useStation((s) => (alertId ? (s.alerts.get(alertId) ?? null) : null));
  const view = useStation((s) => s.view);
  const zoomBy = useStation((s) => s.zoomBy);
  const setView = useStation((s) => s.setView);
  const resetView = useStation((s) => s.resetView);
  return (
    <main className="image-window" aria-label={intl.formatMessage(m.main)}>
      {alert ? (
        <>
          <h1 className="visually-hidden">{intl.formatMessage(m.heading)}</h1>
          <ImagePair
            key={alert.alertId}
            probe={alert.probe}
            subject={alert.subject.image}
            view={view}
            onImageLoad={noImageReport}
            onPan={(dx, dy) => setView({ panX: view.panX + dx, panY: view.panY + dy })}
            onZoom={zoomBy}
          />
          <div className="image-tools" role="group" aria-label={intl.formatMessage(m.tools)}>
            <button type="button" onClick={resetView}>
              {intl.formatMessage(m.resetZoom)}
            </button>
            <ViewerTools inImageWindow />
          </div>
        </>
      ) : (
        <p role="status">{intl.formatMessage(m.none)}</p>
      )}
    </main>
  );
}
