import { messageTable } from '../../../shared/message-table';
import { SPACE } from './marks';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  measureElement,
  observeElementRect,
  useVirtualizer,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { defineMessages, useIntl } from 'react-intl';
import type { StationAlert } from '../../../shared/view';
import { TIER_MESSAGES } from '../../../shared/i18n/glossary';
import { TIERS } from '../../../shared/vocabulary';
import { score3 } from '../format';
import { Ago } from './Ago';
import { selectTierCounts, selectVisibleQueue, useStation } from '../state';
import type { TierFilter } from '../state/types';
import { TIER_ICON } from '../tiers';
import { RadioGroup } from './form/RadioGroup';
import { TierBadge } from './TierBadge';
import './queue.css';

/** How long an arrival keeps its highlight in the list. */
const NEW_HIGHLIGHT_MS = 5_000;

const M = messageTable(
  defineMessages({
    all: {
      id: 'components.queue.all',
      defaultMessage: 'All {count}',
      description: 'Tier filter: every tier, with how many',
    },
    tier: {
      id: 'components.queue.tier',
      defaultMessage: '{tier} {count}',
      description: 'Tier filter option: the tier name and how many alerts of it wait',
    },
    heading: {
      id: 'components.queue.heading',
      defaultMessage: 'Undecided alerts',
      description: 'Queue heading (the count follows)',
    },
    showTier: {
      id: 'components.queue.show-tier',
      defaultMessage: 'Show tier',
      description: 'Tier filter legend',
    },
    empty: {
      id: 'components.queue.empty',
      defaultMessage: 'No alerts waiting.',
      description: 'Queue, when empty',
    },
    emptyTier: {
      id: 'components.queue.empty-tier',
      defaultMessage: 'None of this tier waiting.',
      description: 'Queue, when no alert of the chosen tier waits',
    },
    list: {
      id: 'components.queue.list',
      defaultMessage: 'Alert queue',
      description: 'Accessible name of the list',
    },
    group: {
      id: 'components.queue.group',
      defaultMessage: '{count, plural, one {# hit} other {# hits}} on one watchlist entry:',
      description: 'Title of a group of repeat alerts on the same watchlist person (the name follows)',
    },
    showFirst: {
      id: 'components.queue.show-first',
      defaultMessage: 'Show the first {count} only',
      description: 'Button: fold a group of repeat alerts back to its first few',
    },
    showAll: {
      id: 'components.queue.show-all',
      defaultMessage: 'Show all {count} ({hidden} more)',
      description: 'Button: show every alert of a group; {hidden} is how many are not shown yet',
    },
    escalated: {
      id: 'components.queue.escalated',
      defaultMessage: 'Escalated',
      description: 'Tag: the alert has waited too long and was escalated',
    },
    new: {
      id: 'components.queue.new',
      defaultMessage: 'New',
      description: 'Tag: the alert arrived a moment ago',
    },
    score: {
      id: 'components.queue.score',
      defaultMessage: 'Score {score}',
      description: 'The matching score',
    },
  }),
);

/** Estimated heights (px) until a row is measured; one alert, a group's title, its "show all". */
const ITEM_PX = 68;
const GROUP_TITLE_PX = 26;
const GROUP_MORE_PX = 32;

/**
 * A group of repeat hits shows this many of its alerts (and the open one, wherever it is)
 * until the officer asks for all: a flood on one watchlist entry must not mount every
 * alert of it, or the list is as heavy as if it were not virtualised.
 */
export const GROUP_SHOWN = 5;

/** The alerts of a group row on screen: the first few and the open one, or all when expanded. */
function shownOf(row: QueueRow, openId: string | null, all: boolean): QueueRow {
  if (all || row.length <= GROUP_SHOWN) return row;
  const head = row.slice(0, GROUP_SHOWN);
  const open = openId ? row.find((a, i) => i >= GROUP_SHOWN && a.alertId === openId) : undefined;
  return open ? [...head, open] : head;
}
/**
 * Where there is no layout (jsdom, a pane not shown yet) the list pretends to be this tall,
 * so the first rows still render instead of none.
 */
const FALLBACK_RECT = { width: 320, height: 800 };
/** Rows rendered beyond each edge of the pane, so a short scroll never shows a gap. */
const OVERSCAN = 4;

/** One row of the list: an alert alone, or repeat hits on one watchlist entry together. */
type QueueRow = readonly StationAlert[];

/**
 * Pending alerts in queue order, filtered by tier, repeat hits grouped. Virtualised: only the
 * rows in view (plus a few) are mounted, so 3,000 waiting cost what 30 do; each row re-renders
 * on its own, and the clock re-renders only the time texts.
 */
export function Queue() {
  const alerts = useStation(selectVisibleQueue);
  const counts = useStation(selectTierCounts);
  const filter = useStation((s) => s.tierFilter);
  const setFilter = useStation((s) => s.setTierFilter);
  const openId = useStation((s) => s.openAlertId);
  const announcement = useStation((s) => s.alertAnnouncement);
  const onOpen = useStation((s) => s.openAlert);
  const rows = useMemo(() => groups(alerts), [alerts]);
  const total = counts.red + counts.amber + counts.green;
  const intl = useIntl();
  const options = [
    { value: 'all' as TierFilter, label: intl.formatMessage(M.all, { count: total }) },
    ...TIERS.map((t) => ({
      value: t,
      label: (
        <>
          <span aria-hidden="true">{TIER_ICON[t]}</span>{' '}
          {intl.formatMessage(M.tier, { tier: intl.formatMessage(TIER_MESSAGES[t]), count: counts[t] })}
        </>
      ),
      className: `tier-filter-${t}`,
    })),
  ];
  return (
    <section className="queue" aria-labelledby="queue-heading">
      <div className="queue-head">
        <h2 id="queue-heading">
          {intl.formatMessage(M.heading)} <span className="count">{total}</span>
        </h2>
        <RadioGroup
          name="tier-filter"
          legend={intl.formatMessage(M.showTier)}
          options={options}
          value={filter}
          onChange={setFilter}
          className="tier-filter"
        />
      </div>
      <p className="announcement" aria-live="polite" aria-atomic="true" title={announcement || undefined}>
        {announcement}
      </p>
      {alerts.length === 0 && (
        <p className="muted">{intl.formatMessage(total === 0 ? M.empty : M.emptyTier)}</p>
      )}
      <VirtualQueue rows={rows} openId={openId} onOpen={onOpen} />
    </section>
  );
}

function VirtualQueue({
  rows,
  openId,
  onOpen,
}: {
  rows: readonly QueueRow[];
  openId: string | null;
  onOpen: (alertId: string) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const intl = useIntl();
  // Groups the officer opened in full, by watchlist entry.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;
  const estimate = useCallback((index: number) => {
    const row = rowsRef.current[index];
    return estimateRow(row, !!row && expandedRef.current.has(row[0]!.subject.entryId));
  }, []);
  const toggle = (entryId: string) =>
    setExpanded((now) => {
      const next = new Set(now);
      if (!next.delete(entryId)) next.add(entryId);
      return next;
    });
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimate,
    getItemKey: (index) => rowKey(rows[index]!),
    overscan: OVERSCAN,
    // Scrolling re-renders in React's own time; a synchronous flush inside an effect only warns.
    useFlushSync: false,
    initialRect: FALLBACK_RECT,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT)),
    // A row is measured by its ResizeObserver entry, which comes with the frame's own layout;
    // a row just mounted (no entry yet) keeps its estimate until then, rather than making the
    // browser lay the page out in the middle of the render that adds it (2.5 ms of an alert's
    // arrival, issue 25). An element without layout measures 0: the estimate again, rather
    // than stack every row at one place.
    measureElement: (el, entry, instance) => {
      const size = entry ? measureElement(el, entry, instance) : 0;
      return size > 0 ? size : estimate(instance.indexFromElement(el));
    },
  });
  useKeepInView(virtualizer, rows, openId);

  return (
    <div className="queue-scroll" ref={scrollRef}>
      <ul
        aria-label={intl.formatMessage(M.list)}
        className="queue-list queue-virtual"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const first = row[0]!;
          const place = {
            'data-index': item.index,
            ref: virtualizer.measureElement,
            'aria-setsize': rows.length,
            'aria-posinset': item.index + 1,
            style: { transform: `translateY(${item.start}px)` },
          };
          if (row.length === 1)
            return (
              <li {...place} key={item.key} data-alert-id={first.alertId} className="queue-row">
                <QueueItem alert={first} open={first.alertId === openId} onOpen={onOpen} />
              </li>
            );
          const all = expanded.has(first.subject.entryId);
          const shown = shownOf(row, openId, all);
          const hidden = row.length - shown.length;
          return (
            <li {...place} key={item.key} className="queue-row queue-group">
              <p className="queue-group-title small" id={`group-${first.alertId}`}>
                {intl.formatMessage(M.group, { count: row.length })}
                {SPACE}
                <bdi>{first.subject.name ?? first.subject.category}</bdi>
              </p>
              <ul aria-labelledby={`group-${first.alertId}`} className="queue-list">
                {shown.map((alert) => (
                  <li key={alert.alertId} data-alert-id={alert.alertId}>
                    <QueueItem alert={alert} open={alert.alertId === openId} onOpen={onOpen} />
                  </li>
                ))}
              </ul>
              {(hidden > 0 || (all && row.length > GROUP_SHOWN)) && (
                <button
                  type="button"
                  className="queue-group-more small"
                  aria-expanded={all}
                  onClick={() => toggle(first.subject.entryId)}
                >
                  {all
                    ? intl.formatMessage(M.showFirst, { count: GROUP_SHOWN })
                    : intl.formatMessage(M.showAll, { count: row.length, hidden })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** j/k (or a new alert opening) may select a row out of view: scroll it in. */
function useKeepInView(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  rows: readonly QueueRow[],
  openId: string | null,
) {
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  useEffect(() => {
    if (!openId) return;
    const index = rowsRef.current.findIndex((row) => row.some((a) => a.alertId === openId));
    if (index < 0) return;
    // Already in view by the virtualizer's own figures: nothing to do. scrollToIndex would
    // read the list's scroll height and force a layout of the whole page, just as a newly
    // opened alert's panel is waiting to be painted.
    const item = virtualizer.getVirtualItems().find((row) => row.index === index);
    const top = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    if (item && item.start >= top && item.end <= top + height) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [openId, virtualizer]);
}

const rowKey = (row: QueueRow) => (row.length === 1 ? row[0]!.alertId : `group:${row[0]!.subject.entryId}`);
const estimateRow = (row: QueueRow | undefined, all: boolean) =>
  !row || row.length === 1
    ? ITEM_PX
    : GROUP_TITLE_PX +
      (all ? row.length : Math.min(row.length, GROUP_SHOWN)) * ITEM_PX +
      (row.length > GROUP_SHOWN ? GROUP_MORE_PX : 0);

/** Runs of the same watchlist entry (the selector already put them side by side). */
function groups(alerts: readonly StationAlert[]): StationAlert[][] {
  const out: StationAlert[][] = [];
  for (const a of alerts) {
    const last = out[out.length - 1];
    if (last && last[0]!.subject.entryId === a.subject.entryId) last.push(a);
    else out.push([a]);
  }
  return out;
}

/** One alert's button. Re-renders when that alert, its selection or its "new" state changes; never on a tick. */
const QueueItem = memo(function QueueItem({
  alert,
  open,
  onOpen,
}: {
  alert: StationAlert;
  open: boolean;
  onOpen: (alertId: string) => void;
}) {
  const receivedMs = Date.parse(alert.receivedAt);
  // A boolean from the clock: the row re-renders once when it flips, not on every tick.
  const fresh = useStation((s) => s.now - receivedMs < NEW_HIGHLIGHT_MS);
  const intl = useIntl();
  return (
    <button
      type="button"
      className={`queue-item tier-edge-${alert.subject.tier}${open ? ' is-open' : ''}${fresh ? ' is-new' : ''}`}
      aria-current={open ? 'true' : undefined}
      onClick={() => onOpen(alert.alertId)}
    >
      <span className="queue-line">
        <TierBadge tier={alert.subject.tier} />
        {alert.escalated && <span className="escalated">{intl.formatMessage(M.escalated)}</span>}
        {fresh && <span className="new-tag">{intl.formatMessage(M.new)}</span>}
      </span>
      <span className="queue-line">
        <bdi className="camera">{alert.camera.label}</bdi>
        <span className="score">{intl.formatMessage(M.score, { score: score3(alert.score) })}</span>
      </span>
      <span className="queue-line muted small">
        <time dateTime={alert.capturedAt}>
          <Ago iso={alert.capturedAt} />
        </time>
        <bdi>{alert.subject.category}</bdi>
      </span>
    </button>
  );
});
