import { defineMessages, useIntl, type MessageDescriptor } from 'react-intl';
import type { ReplayData } from '../../../shared/replay';
import { localDateTime } from '../format';
import { IntegrityBadge } from './IntegrityBadge';

const F = defineMessages({
  heading: {
    id: 'reports.integrity.heading',
    defaultMessage: 'Integrity',
    description: 'Panel heading: the journal verification',
  },
  entries: { id: 'reports.integrity.entries', defaultMessage: 'Entries checked', description: 'Fact label' },
  checkpoints: {
    id: 'reports.integrity.checkpoints',
    defaultMessage: 'Signed checkpoints',
    description: 'Fact label',
  },
  last: { id: 'reports.integrity.last', defaultMessage: 'Last checkpoint', description: 'Fact label' },
  seq: { id: 'reports.integrity.seq', defaultMessage: 'seq {seq}', description: 'A journal entry number' },
  none: { id: 'reports.integrity.none', defaultMessage: 'None', description: 'No checkpoint' },
  images: { id: 'reports.integrity.images', defaultMessage: 'Images', description: 'Fact label' },
  imageCounts: {
    id: 'reports.integrity.image-counts',
    defaultMessage:
      '{checked} checked, {purged} purged under retention, {missing} missing, {altered} altered',
    description: 'Counts of images: checked, deleted at the end of retention, missing, altered',
  },
  verifiedAt: {
    id: 'reports.integrity.verified-at',
    defaultMessage: 'Verified at',
    description: 'Fact label',
  },
});

/** The journal's verification in figures, beside the exports. */
export function IntegrityDetails({ replay }: { replay: ReplayData }) {
  const intl = useIntl();
  const i = replay.integrity;
  const say = (d: MessageDescriptor, values?: Record<string, string>) => intl.formatMessage(d, values);
  return (
    <section className="panel" aria-labelledby="integrity-heading">
      <h2 id="integrity-heading">{say(F.heading)}</h2>
      <p>
        <IntegrityBadge integrity={i} />
      </p>
      <dl className="facts">
        <dt>{say(F.entries)}</dt>
        <dd>{i.entries}</dd>
        <dt>{say(F.checkpoints)}</dt>
        <dd>{i.checkpoints}</dd>
        <dt>{say(F.last)}</dt>
        <dd>{i.lastCheckpoint ? say(F.seq, { seq: String(i.lastCheckpoint.seq) }) : say(F.none)}</dd>
        <dt>{say(F.images)}</dt>
        <dd>
          {say(F.imageCounts, {
            checked: String(i.images.checked),
            purged: String(i.images.purged),
            missing: String(i.images.missing),
            altered: String(i.images.altered),
          })}
        </dd>
        <dt>{say(F.verifiedAt)}</dt>
        <dd>{localDateTime(i.verifiedAt)}</dd>
      </dl>
    </section>
  );
}
