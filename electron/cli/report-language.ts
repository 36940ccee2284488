/** `--language en-GB|cy|both` of `npm run report`: the oversight and transparency reports' one parser. */
import { reportLanguageSchema, type ReportLanguage } from '../../shared/i18n/locale';

export function languageOf(value: string | undefined): ReportLanguage | { error: string } {
  const parsed = reportLanguageSchema.safeParse(value);
  return parsed.success ? parsed.data : { error: '--language must be en-GB, cy or both' };
}
