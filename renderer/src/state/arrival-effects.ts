/** The effects of an arriving alert: what the screen reader is told (in the language on screen now) and the sound cue. */
import { defineMessages } from '@formatjs/intl';
import { TIER_MESSAGES } from '../../../shared/i18n/glossary';
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
  }),
);

/** One sentence per alert, in the order given (most urgent first). */
function arrivalAnnouncement(arrived: readonly StationAlert[]): string {
  const intl = screenIntl();
  return arrived
    .map((a) =>
      intl.formatMessage(m.arrived, {
        tier: intl.formatMessage(TIER_MESSAGES[a.subject.tier]).toLocaleLowerCase(intl.locale),
        camera: a.camera.label,
      }),
    )
    .join(' ');
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
  return arrived.length ? arrivalAnnouncement(arrived) : '';
}

function ring(chime: ArrivalCue['chime'], tier: StationAlert['subject']['tier']) {
  try {
    chime(tier);
  } catch {
    // Sound is a courtesy; the visible cue, the banner and the announcement carry the news.
  }
}
