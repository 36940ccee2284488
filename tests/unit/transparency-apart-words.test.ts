/**
 * Issue 26: the transparency PDF's reasons a deployment is not counted, in Welsh. The
 * standing and the disagreement are said in Welsh; the verifier's detail stays its English
 * sentence, introduced as English; English prints exactly the command's and the CSV's lines.
 */
import { describe, expect, it } from 'vitest';
import { journalLine } from '../../electron/archive/transparency';
import { disagreementSentence, type Disagreement } from '../../electron/archive/transparency-disagreements';
import { disagreementWords, journalWords } from '../../electron/archive/transparency-pdf-apart';
import type { JournalVerdict } from '../../electron/archive/transparency-verdicts';
import { translatorFor } from '../../shared/i18n/translator';

const tampered: JournalVerdict = {
  stationId: 'station-A',
  deploymentId: 'D4',
  standing: 'tampered',
  detail: "tampered at seq 12: the archived row's data does not match its line",
  reused: false,
};
const decision: Disagreement = {
  deploymentId: 'DIS',
  alertId: 'alert-7',
  what: 'decision',
  views: ['station-A: engage', 'station-B: no-engage'],
};
const record: Disagreement = {
  deploymentId: 'DIS',
  alertId: null,
  what: 'deployment record',
  views: ['a: 1', 'b: 2'],
};

describe('why a deployment is not counted, in the PDF', () => {
  const en = translatorFor('en-GB');
  const cy = translatorFor('cy');

  it('is the command’s own line in English', () => {
    expect(journalWords(en, 'en-GB', tampered)).toBe(journalLine(tampered));
    expect(disagreementWords(en, 'en-GB', decision)).toBe(disagreementSentence(decision));
    expect(disagreementWords(en, 'en-GB', record)).toBe(disagreementSentence(record));
  });

  it('says the standing and the disagreement in Welsh, the verifier’s detail introduced as English', () => {
    expect(journalWords(cy, 'cy', tampered)).toBe(
      "gorsaf station-A: wedi ymyrryd ag ef. Geiriau'r dilysydd, yn Saesneg: tampered at seq 12: the archived row's data does not match its line",
    );
    expect(journalWords(cy, 'cy', { ...tampered, standing: 'in-progress' })).toContain('ar y gweill');
    expect(disagreementWords(cy, 'cy', decision)).toBe(
      'mae gorsafoedd yn anghytuno am benderfyniad rhybudd alert-7 (station-A: engage; station-B: no-engage)',
    );
    expect(disagreementWords(cy, 'cy', record)).toBe(
      'mae gorsafoedd yn anghytuno am gofnod y defnydd (a: 1; b: 2)',
    );
  });
});
