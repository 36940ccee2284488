/** The effects of an arriving alert: what the screen reader is told (in the language on screen now) and the sound cue. */
import { defineMessages } from '@formatjs/intl';
import { TIER_MESSAGES } from '../../../shared/i18n/glossary';
import { TIERS } from '../../../shared/vocabulary';
import type { StationAlert } from '../../../shared/view';
import { screenIntl } from '../i18n/screen-intl';
import { messageTable } from '../../../shared/message-table';

const m = messageTable(
  defineMessages({
    arrived: {
      id: 'live.announce.new-alert',
      defaultMessage: 'New {tier} alert from {camera}.',
      description: 'Screen-reader announcement of an arriving alert; {tier} is the tier name in lower case',
    },
    arrivedMany: {
      id: 'live.announce.new-alerts',
      defaultMessage: '{count, plural, one {# new alert} other {# new alerts}}: {tiers}.',
      description:
        'Screen-reader announcement (also shown under the queue heading) of two or more alerts arriving together; {tiers} is a list of counts by tier such as "3 red, 2 amber, 1 green"',
    },
    tierCount: {
      id: 'live.announce.tier-count',
      defaultMessage: '{count, number} {tier}',
      description:
        'One item of the list in the announcement of several arriving alerts, e.g. "3 red" ({tier} is the tier name in lower case)',
    },
  }),
);

/**
 * One sentence however many arrive: the alert's tier and camera when it is one, else how
 * many by tier (most urgent first, only the tiers present). A burst of six is one short
 * line under the queue heading, not six sentences filling the sidebar and the speech queue.
 */
function arrivalAnnouncement(arrived: readonly StationAlert[]): string {
  const intl = screenIntl();
  const tierName = (tier: StationAlert['subject']['tier']) =>
    intl.formatMessage(TIER_MESSAGES[tier]).toLocaleLowerCase(intl.locale);
  const [only] = arrived;
  if (!only) return '';
  if (arrived.length === 1)
    return intl.formatMessage(m.arrived, { tier: tierName(only.subject.tier), camera: only.camera.label });
  const tiers = TIERS.map((tier) => ({ tier, count: arrived.filter((a) => a.subject.tier === tier).length }))
    .filter((t) => t.count > 0)
    .map((t) => intl.formatMessage(m.tierCount, { count: t.count, tier: tierName(t.tier) }));
  return intl.formatMessage(m.arrivedMany, {
    count: arrived.length,
    tiers: intl.formatList(tiers, { type: 'unit', style: 'short' }),
  });
}

interface ArrivalCue {
  /** Alerts that are new since the last state, most urgent first. */
  arrived: readonly StationAlert[];
  /** Refused alerts went up (shared/contract: the reliability view's running total). */
  refusedMore: boolean;
  /** The station's sound setting is on and this officer has not muted it. */
  soundOn: boolean;
  chime: (tier: StationAlert['subject']['tier']) => void;
}

/**
 * The effects of news from main: the sound cue for an arrival (its most urgent tier) or a
 * refused alert, and the sentence for the screen reader. Returns the announcement ('' for none).
 */
export function arrivalEffects({ arrived, refusedMore, soundOn, chime }: ArrivalCue): string {
  const first = arrived[0];
  if (soundOn && first) ring(chime, first.subject.tier);
  // A refused alert is never silent: the sound cue as well as the banner (Alarms).
  if (soundOn && refusedMore) ring(chime, 'red');
  return arrivalAnnouncement(arrived);
}

function ring(chime: ArrivalCue['chime'], tier: StationAlert['subject']['tier']) {
  try {
    chime(tier);
  } catch {
    // Sound is a courtesy; the visible cue, the banner and the announcement carry the news.
  }
}
