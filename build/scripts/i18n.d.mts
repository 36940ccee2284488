// Types for build/scripts/i18n.mjs, used by tests/unit/i18n-catalogues.test.ts.
type Extracted = Record<string, Record<string, { defaultMessage: string; description?: string }>>;
export const CATALOGUE_DIR: string;
export const LOCALES: string[];
export const DOMAINS: Array<{ domain: string; prefixes: string[] }>;
export function domainOf(path: string): string | null;
export function extractFromCode(): Extracted;
export function catalogueFile(dir: string, domain: string, locale: string): string;
export function catalogueProblems(dir: string, domains: string[], fromCode: Extracted | null): string[];
