/**
 * The deployment safeguards (safeguards.ts) in the reader's language (issue 26). Main
 * journals the English title and detail; the screen translates the code with its values.
 * A warning this table does not know, or one that came without its values (an older
 * station's), is shown in the words it came with.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import { ALARM_STANDS, alarmTitleValues, alarmWords } from './alarm-messages';
import type { Formatter } from './problem-messages';
import type { SafeguardCode, SafeguardWarning } from './view';

interface SafeguardWords {
  title: MessageDescriptor;
  detail?: MessageDescriptor;
  /** The values its words need: without them, the English as sent. */
  needs: readonly string[];
}

const M: Record<string, MessageDescriptor> = defineMessages({
  trainingTitle: {
    id: 'components.safeguard.training.title',
    defaultMessage: 'Training feed',
    description: 'Safeguard: the station runs on the built-in training feed',
  },
  trainingDetail: {
    id: 'components.safeguard.training.detail',
    defaultMessage: 'Alerts are synthetic. Nothing here is sent to a real feed or mixed with real records.',
    description: 'Safeguard: training feed',
  },
  notStartedTitle: {
    id: 'components.safeguard.not-started.title',
    defaultMessage: 'Deployment has not started',
    description: 'Safeguard: before the authorised window',
  },
  notStartedDetail: {
    id: 'components.safeguard.not-started.detail',
    defaultMessage: 'The authorised window opens at {startsAt}. Alerts captured before then are refused.',
    description: 'Safeguard; {startsAt} is a timestamp',
  },
  endedTitle: {
    id: 'components.safeguard.ended.title',
    defaultMessage: 'Authorised window has ended',
    description: 'Safeguard: after the authorised window',
  },
  endedDetail: {
    id: 'components.safeguard.ended.detail',
    defaultMessage:
      'The window closed at {endsAt}. New alerts are refused; alerts already taken must still be decided.',
    description: 'Safeguard; {endsAt} is a timestamp',
  },
  unreviewedTitle: {
    id: 'components.safeguard.watchlist-unreviewed.title',
    defaultMessage: 'Watchlist not reviewed',
    description: 'Safeguard',
  },
  unreviewedDetail: {
    id: 'components.safeguard.watchlist-unreviewed.detail',
    defaultMessage:
      'No review of watchlist {version} is recorded. The guidance requires a review before every deployment.',
    description: 'Safeguard; {version} is the watchlist version; the guidance is the College of Policing’s',
  },
  lateTitle: {
    id: 'components.safeguard.watchlist-reviewed-late.title',
    defaultMessage: 'Watchlist reviewed after the deployment started',
    description: 'Safeguard',
  },
  lateDetail: {
    id: 'components.safeguard.watchlist-reviewed-late.detail',
    defaultMessage: 'Reviewed by {reviewedBy} at {reviewedAt}, after the window opened at {startsAt}.',
    description: 'Safeguard; {reviewedBy} is a person, the others timestamps',
  },
  lowTitle: {
    id: 'components.safeguard.low-threshold.title',
    defaultMessage: 'Threshold {threshold} is below {npl}',
    description: 'Safeguard: the matching threshold is below the NPL figure (0.60)',
  },
  lowDetail: {
    id: 'components.safeguard.low-threshold.detail',
    defaultMessage:
      'The National Physical Laboratory (2023) found that below 0.6 this algorithm wrongly matched some demographic groups more often than others. Expect more false alerts, unevenly spread: check each one with extra care.',
    description: 'Safeguard: low threshold',
  },
  noNoticeTitle: {
    id: 'components.safeguard.no-notice.title',
    defaultMessage: 'No public notice, and no reason recorded',
    description: 'Safeguard',
  },
  noNoticeDetail: {
    id: 'components.safeguard.no-notice.detail',
    defaultMessage: 'The deployment record says the public was not told and gives no reason why.',
    description: 'Safeguard',
  },
  rollbackTitle: {
    id: 'components.safeguard.journal-rollback.title',
    defaultMessage: 'Journal rolled back',
    description:
      'Alarm: the feed holds a checkpoint this station’s journal lacks (the detail follows in English)',
  },
});

function msg(key: string): MessageDescriptor {
  const descriptor = M[key];
  if (!descriptor) throw new Error(`no safeguard message ${key}`);
  return descriptor;
}

const WORDS: Partial<Record<SafeguardCode, SafeguardWords>> = {
  training: { title: msg('trainingTitle'), detail: msg('trainingDetail'), needs: [] },
  'not-started': { title: msg('notStartedTitle'), detail: msg('notStartedDetail'), needs: ['startsAt'] },
  ended: { title: msg('endedTitle'), detail: msg('endedDetail'), needs: ['endsAt'] },
  'watchlist-unreviewed': {
    title: msg('unreviewedTitle'),
    detail: msg('unreviewedDetail'),
    needs: ['version'],
  },
  'watchlist-reviewed-late': {
    title: msg('lateTitle'),
    detail: msg('lateDetail'),
    needs: ['reviewedBy', 'reviewedAt', 'startsAt'],
  },
  'low-threshold': { title: msg('lowTitle'), detail: msg('lowDetail'), needs: ['threshold', 'npl'] },
  'no-notice': { title: msg('noNoticeTitle'), detail: msg('noNoticeDetail'), needs: [] },
  // The detail is main's account of what was found: shown as it came.
  'journal-rollback': { title: msg('rollbackTitle'), needs: [] },
};

/** A safeguard warning's title and detail in the reader's language. */
export function safeguardText(intl: Formatter, w: SafeguardWarning): { title: string; detail: string } {
  // An alarm only a supervisor clears, with the values its words name (alarm-messages.ts).
  const alarm = alarmWords(w);
  if (alarm) {
    const values = alarmTitleValues(w);
    return {
      title: intl.formatMessage(alarm.title, values),
      // The alarm's account, then when it was raised and who clears it.
      detail: `${intl.formatMessage(alarm.detail, values)} ${intl.formatMessage(ALARM_STANDS, values)}`,
    };
  }
  const words = WORDS[w.code];
  const values = w.values ?? {};
  if (!words || words.needs.some((name) => values[name] === undefined))
    return { title: w.title, detail: w.detail };
  return {
    title: intl.formatMessage(words.title, values),
    detail: words.detail ? intl.formatMessage(words.detail, values) : w.detail,
  };
}
