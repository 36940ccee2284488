/** What a caller of the oversight PDF chooses (pdf.ts), apart so that its parts can name it too. */
import type { ReportLanguage } from '../../../shared/i18n/locale';

export interface PdfOptions {
  /** Who made the report and when (printed on the title page). */
  generatedBy: string;
  generatedAt: string;
  includeImages?: boolean;
  /** Image bytes by SHA-256; null when missing or purged. */
  readImage?: (sha256: string) => Promise<Buffer | null>;
  /** The key the journal's checkpoints verify against, for the auditor to compare out of band. */
  publicKey?: string | null;
  stationId?: string | null;
  /** English (the default), Welsh, or both (Welsh first). */
  language?: ReportLanguage;
}
