import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { refusedText } from '../../../shared/request-refusals';
import { defineMessages, useIntl } from 'react-intl';
import type { ResponseMap } from '../../../shared/contract';
import { messageTable } from '../../../shared/message-table';
import type { AlarmKind } from '../../../shared/view';
import { Dialog } from './Dialog';
import { ProblemList } from './form/ProblemList';
import { TextField } from './form/TextField';

/** Each kind as a word ICU's select can match (its keys take no hyphens). */
const SELECTOR: Record<AlarmKind, string> = {
  'journal-rollback': 'rollback',
  'journal-tampered': 'tampered',
  'journal-foreign': 'foreign',
  'archive-conflict': 'archive',
};

/** What the button and a refusal call each alarm only a supervisor clears (by its kind). */
const M = messageTable(
  defineMessages({
    needNote: {
      id: 'components.alarm-resolve.need-note',
      defaultMessage: 'Write a note: what you examined and why the alarm may be cleared.',
      description: 'Resolving an alarm only a supervisor clears needs a note',
    },
    note: { id: 'components.alarm-resolve.note', defaultMessage: 'Note', description: 'Field label' },
    open: {
      id: 'components.alarm-resolve.open',
      defaultMessage: 'Resolve…',
      description:
        'Button on an alarm in the deployment bar, for a supervisor: opens the dialog to resolve it (screen readers hear the alarm’s title after it)',
    },
    resolve: {
      id: 'components.alarm-resolve.resolve',
      defaultMessage:
        'Resolve {kind, select, rollback {rollback} tampered {tampered journal} foreign {set-aside journal} other {archive conflict}}',
      description: 'Button: a supervisor clears the alarm; kind names which alarm',
    },
    cancel: {
      id: 'components.alarm-resolve.cancel',
      defaultMessage: 'Cancel',
      description: 'Button: closes the resolve dialog, the alarm still standing',
    },
    notResolved: {
      id: 'components.alarm-resolve.not-resolved',
      defaultMessage:
        '{kind, select, rollback {Rollback} tampered {Tampered journal} foreign {Set-aside journal} other {Archive conflict}} not resolved: {error}',
      description: '{error} is the station’s reason',
    },
  }),
);

interface AlarmResolveProps {
  alarm: { kind: AlarmKind; deploymentId: string | null };
  /** The alarm's title and detail, as the bar shows them (the dialog shows them whole). */
  words: { title: string; detail?: string };
  /** The id of the alarm's title in the bar: the open button's name ends with it. */
  titleId: string;
  /** The store's action: main checks the role and a fresh proof, journals the note, clears the alarm. */
  onResolve: (note: string) => Promise<ResponseMap['resolveAlarm']>;
}

/**
 * On an alarm's banner, for a supervisor: after examining what it names (a rolled-back,
 * tampered or set-aside journal), clear it with a note that goes on the record. No file
 * is changed; one form for every kind of alarm.
 *
 * The bar holds only a small "Resolve…" button beside the alarm's title (its name ends
 * with that title, so two alarms' buttons are told apart); it opens a dialog with the
 * alarm's whole text, the note and the button that resolves it. Focus moves into the
 * dialog and back to the button when it closes. A note field in the bar itself took a
 * tall line per alarm and pushed the review screen below the window at 1280x720.
 */
export function AlarmResolve({ alarm, words, titleId, onResolve }: AlarmResolveProps) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const intl = useIntl();
  const say = intl.formatMessage;
  const opener = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    const button = opener.current;
    // Run as the alarm goes (resolved), while this button is still in the page: the dialog
    // gave focus back to it, so focus moves on to the next alarm's button or the open
    // alert instead of falling to the top of the page.
    return () => {
      if (!button || document.activeElement !== button) return;
      requestAnimationFrame(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        const next =
          document.querySelector<HTMLElement>('.alarm-resolve-open') ??
          document.getElementById('alert-heading');
        next?.focus();
      });
    };
  }, []);
  const kind = SELECTOR[alarm.kind];
  const id = `alarm-note-${alarm.kind}-${alarm.deploymentId ?? 'station'}`;
  const openId = `${id}-open`;
  const problems = note.trim() ? [] : [say(M.needNote)];
  const close = () => {
    setOpen(false);
    setTried(false);
    setError(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.length || busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await onResolve(note.trim());
      if (!res.ok) setError(refusedText(intl, res));
      else {
        setNote('');
        close();
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        id={openId}
        ref={opener}
        className="alarm-resolve-open"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-labelledby={`${openId} ${titleId}`}
        onClick={() => setOpen(true)}
      >
        {say(M.open)}
      </button>
      {open &&
        // Outside the bar's announced region (role="alert"): the dialog is not part of the alarm.
        createPortal(
          <Dialog
            titleId={`${id}-title`}
            describedBy={words.detail ? `${id}-detail` : undefined}
            onClose={close}
            className="alarm-resolve"
          >
            <form onSubmit={(e) => void submit(e)} noValidate>
              <h2 id={`${id}-title`}>{words.title}</h2>
              {words.detail && <p id={`${id}-detail`}>{words.detail}</p>}
              <TextField
                id={id}
                label={say(M.note)}
                value={note}
                onChange={setNote}
                rows={3}
                invalid={tried && problems.length > 0}
                describedBy={`${id}-problems`}
              />
              <ProblemList id={`${id}-problems`} problems={tried ? problems : []} announce />
              {error && (
                <p className="error" role="alert">
                  {say(M.notResolved, { kind, error })}
                </p>
              )}
              <div className="actions">
                <button type="submit" className="primary" disabled={busy}>
                  {say(M.resolve, { kind })}
                </button>
                <button type="button" onClick={close}>
                  {say(M.cancel)}
                </button>
              </div>
            </form>
          </Dialog>,
          document.body,
        )}
    </>
  );
}
