/**
 * Browser mode's export: the station writes and journals the file, then hands it to the
 * page as an attachment (POST /exports, same origin, this page's connection key); the page names the
 * replay and the kind, never a path, and the browser saves the file where its user says.
 */
import type { ReportLanguage } from '../../../shared/i18n/locale';
import type { ExportKind } from '../../../shared/vocabulary';
import { connectionHeaders } from '../bridge';

export type ExportDownload = (request: {
  key: string;
  kind: ExportKind;
  includeImages?: boolean;
  language?: ReportLanguage;
}) => Promise<{ ok: true; path: string; bytes: number; fileName: string } | { ok: false; error: string }>;

export const downloadExport: ExportDownload = async (request) => {
  const res = await fetch('/exports', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...connectionHeaders() },
    body: JSON.stringify(request),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
    return {
      ok: false,
      error: typeof body?.error === 'string' ? body.error : `the download failed (HTTP ${res.status})`,
    };
  }
  const blob = await res.blob();
  const fileName =
    /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `export.${request.kind}`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the bytes once the click is handled; the URL is let go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return {
    ok: true,
    path: decodeURIComponent(res.headers.get('X-Export-Path') ?? ''),
    bytes: blob.size,
    fileName,
  };
};
