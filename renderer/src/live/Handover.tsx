/**
 * Handing over: a note for the next officer and what is open (undecided, escalated,
 * outcomes awaited). Main journals both with the sign-out and shows them at the next sign-in.
 */
import { useState, type FormEvent } from 'react';
import { openWorkOf } from '../../../shared/open-work';
import type { HandoverView, OpenWork } from '../../../shared/view';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/form/TextField';
import { localDateTime } from '../format';
import { selectAlertList, useStation, usePlainStation } from '../state';

export function OpenWorkList({ open, label }: { open: OpenWork; label: string }) {
  return (
    <ul aria-label={label} className="open-work">
      <li>
        <strong>{open.undecided}</strong> undecided alert{open.undecided === 1 ? '' : 's'}
      </li>
      <li>
        <strong>{open.escalated}</strong> escalated (waiting too long)
      </li>
      <li>
        <strong>{open.outcomesAwaited}</strong> engagement{open.outcomesAwaited === 1 ? '' : 's'} awaiting an
        outcome
      </li>
    </ul>
  );
}

export function HandoverDialog() {
  const open = usePlainStation((s) => openWorkOf(selectAlertList(s.alerts)));
  const handOver = useStation((s) => s.handOver);
  const setOverlay = useStation((s) => s.setOverlay);
  const error = useStation((s) => s.signOutError);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    await handOver(note);
    setBusy(false);
  };
  return (
    <Dialog titleId="handover-title" onClose={() => setOverlay(null)} className="handover">
      <h2 id="handover-title">Hand over</h2>
      <p>What you leave open:</p>
      <OpenWorkList open={open} label="Open at handover" />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="handover-note"
          label="Note for the next officer"
          rows={4}
          value={note}
          onChange={setNote}
          hint="Journalled with your sign-out and shown to the next officer when they sign in."
        />
        {error && (
          <p className="error" role="alert">
            Could not hand over: {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            Hand over and sign out
          </button>
          <button type="button" onClick={() => setOverlay(null)}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The last handover, for the officer about to sign in. */
export function HandoverSummary({ handover }: { handover: HandoverView }) {
  return (
    <section className="handover-summary panel" aria-labelledby="handover-summary-heading">
      <h3 id="handover-summary-heading">
        Handed over by {handover.by.name} ({handover.by.id}) at {localDateTime(handover.at)}
      </h3>
      <OpenWorkList open={handover.open} label="Open at handover" />
      <p className="rationale-text">{handover.note ? `“${handover.note}”` : 'No note left.'}</p>
    </section>
  );
}
