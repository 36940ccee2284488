/**
 * The words of the alarms only a supervisor clears (electron/core/station/standing-alarms.ts),
 * in the reader's language (issue 26). Main journals them in English and sends the values
 * they name; the screen picks the words by the alarm's kind and `variant`. A technical reason
 * (`why`, `error`: what the journal check or the system said) stays as it came, in English.
 * An alarm raised by an older station, with no values, is shown in the words it came with.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import { messageTable } from './message-table';
import type { SafeguardWarning } from './view';

const M = messageTable(
  defineMessages({
    stands: {
      id: 'components.alarm.stands',
      defaultMessage: 'Raised {raisedAt}; it stands until a supervisor resolves it with a note.',
      description: 'After every alarm only a supervisor clears; {raisedAt} is a timestamp',
    },
    journalTitle: {
      id: 'components.alarm.journal.title',
      defaultMessage:
        '{kind, select, foreign {Journal set aside} unreadable {Journal unreadable} other {Journal tampered}}',
      description:
        'Alarm title: a journal this station could not continue (another station’s, tampered, or unreadable)',
    },
    setAside: {
      id: 'components.alarm.journal.set-aside',
      defaultMessage:
        'The journal of deployment {deploymentId} could not be continued ({why}). It was set aside, not deleted or changed: it is now in {movedTo}. A new journal for the deployment records this, and takes its next alerts.',
      description: 'Alarm detail; {why} is the technical reason in English, {movedTo} a folder',
    },
    keptInPlace: {
      id: 'components.alarm.journal.kept',
      defaultMessage:
        'The journal of deployment {deploymentId} cannot be continued ({why}), and it could not be set aside ({error}). Alerts for that deployment are refused; the journal is kept as found.',
      description: 'Alarm detail; {why} and {error} are technical reasons in English',
    },
    archiveTitle: {
      id: 'components.alarm.archive.title',
      defaultMessage: 'Archive conflict',
      description: 'Alarm title: the evidence archive holds something other than this station’s journal',
    },
    archiveHash: {
      id: 'components.alarm.archive.hash',
      defaultMessage:
        'The evidence archive holds another entry at seq {seq} of deployment {deploymentId} than this station’s journal (archive {archivedHash}, journal {journalHash}). Nothing was overwritten, and that journal is not shipped further.',
      description: 'Alarm detail; {seq} is an entry number, the hashes are shortened hex',
    },
    archiveAhead: {
      id: 'components.alarm.archive.ahead',
      defaultMessage:
        'The evidence archive holds deployment {deploymentId} up to seq {archivedSeq}, but this station’s journal ends at seq {seq}. Nothing was overwritten, and that journal is not shipped further.',
      description: 'Alarm detail; {archivedSeq} and {seq} are entry numbers',
    },
  }),
);

interface AlarmWords {
  title: MessageDescriptor;
  detail: MessageDescriptor;
  /** The values its words need: without them, the English as sent. */
  needs: readonly string[];
}

const JOURNAL = ['deploymentId', 'why', 'raisedAt'] as const;

/** The words for a standing alarm's warning, or null (not one, or sent without its values). */
export function alarmWords(w: SafeguardWarning): AlarmWords | null {
  const values = w.values ?? {};
  let words: AlarmWords | null = null;
  if (w.code === 'journal-tampered' || w.code === 'journal-foreign')
    words =
      values.movedTo !== undefined
        ? { title: M.journalTitle, detail: M.setAside, needs: [...JOURNAL, 'movedTo'] }
        : { title: M.journalTitle, detail: M.keptInPlace, needs: [...JOURNAL, 'error'] };
  else if (w.code === 'archive-conflict')
    words =
      values.variant === 'archive-hash'
        ? { title: M.archiveTitle, detail: M.archiveHash, needs: ['deploymentId', 'seq', 'raisedAt'] }
        : {
            title: M.archiveTitle,
            detail: M.archiveAhead,
            needs: ['deploymentId', 'archivedSeq', 'raisedAt'],
          };
  if (!words || words.needs.some((name) => values[name] === undefined)) return null;
  return words;
}

/** The sentence after every such alarm: when it was raised, and who clears it. */
export const ALARM_STANDS = M.stands;

/** The select key of the journal title: how the journal could not be continued. */
export function alarmTitleValues(w: SafeguardWarning): Record<string, string | number> {
  const how = w.values?.how;
  return { ...w.values, kind: w.code === 'journal-foreign' ? 'foreign' : String(how ?? 'tampered') };
}
