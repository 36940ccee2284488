/**
 * A replay's exports: CSV, PDF (images optional) and the signed bundle, written under
 * <dataDir>/exports/<deploymentId>-<yyyymmdd-hhmmss>-<GMT|BST>.<ext> (UK local time), never
 * over an existing file,
 * and journalled (`export`) before the file is handed over.
 */
import { chmod, copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Actor } from '../../../shared/journal/entries';
import type { ReplayData } from '../../../shared/replay';
import type { ReportLanguage } from '../../../shared/i18n/locale';
import type { ExportKind } from '../../../shared/vocabulary';
import { BUNDLE_EXTENSION, writeBundle } from './bundle';
import { replayCsv } from './csv';
import type { ReplayState } from './load';
import { writeReplayPdf } from './pdf';
import { ukFileStamp } from '../../../shared/uk-time';

/** UK local time with its zone, as every time is written (issue 24): "20260329-023000-BST". */
function stamp(ms: number): string {
  const [date, time, zone] = ukFileStamp(ms).split('_');
  return `${date!.replaceAll('-', '')}-${time!.replaceAll('-', '')}-${zone}`;
}

/** A fresh path in `exportsDir` for a deployment's export (a suffix when the second already has one). */
export async function exportPath(
  exportsDir: string,
  deploymentId: string,
  ext: string,
  at: number,
): Promise<string> {
  // Exports hold names and faces: the folder is the station user's alone (0700), also one
  // an older version made 0755.
  await mkdir(exportsDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(exportsDir, 0o700);
  const base = `${deploymentId}-${stamp(at)}`;
  for (let n = 1; ; n++) {
    const path = join(exportsDir, `${base}${n === 1 ? '' : `-${n}`}.${ext}`);
    if (!(await stat(path).catch(() => null))) return path;
  }
}

export interface ExportRequest {
  kind: ExportKind;
  includeImages?: boolean | undefined;
  /** The report's language (PDF and CSV; a bundle is the journal itself and has none). */
  language?: ReportLanguage | undefined;
}

interface ExportSource {
  /** A name for the log: the replay's key. */
  key: string;
  replay: ReplayData;
  /** The folded state: identity, purged images; null where there is no single journal (archive). */
  state: ReplayState | null;
  /** The one station journal and its images a bundle packs; null where there is none (archive). */
  journal: { journalFile: string; imagesDir: string } | null;
  /** Where the images are read from (absent: the PDF goes without them). */
  readImage: (sha256: string) => Promise<Buffer | null>;
}

interface ExportDeps {
  exportsDir: string;
  now: () => number;
  log: (line: string) => void;
  /** Puts the file on the record (journal-v1 `export`); returns its size; throws (and removes it) when it cannot. */
  record: (path: string, kind: ExportKind, includesImages: boolean) => Promise<number>;
}

type ExportResult =
  { ok: true; path: string; bytes: number; savedTo?: string | null } | { ok: false; error: string };

/** Electron: main asks where to save a copy (its own save dialog); null when the supervisor cancels. */
export type SaveExportAs = (suggestedName: string) => Promise<string | null>;

/**
 * Hands a written, journalled export over: Electron copies it where the supervisor chose in
 * main's save dialog (the renderer never names a path). The station's copy stays under
 * exports/, the one the journal names.
 */
export async function handOverExport(
  result: ExportResult,
  saveAs: SaveExportAs | undefined,
  log: (line: string) => void,
): Promise<ExportResult> {
  if (!result.ok || !saveAs) return result;
  const chosen = await saveAs(basename(result.path));
  if (!chosen) return { ...result, savedTo: null };
  try {
    await copyFile(result.path, chosen);
  } catch (error) {
    log(`export: could not save a copy to ${chosen}: ${String(error)}`);
    return {
      ok: false,
      error: `the export is on the station at ${result.path}, but it could not be saved where you chose: ${(error as Error).message}`,
    };
  }
  log(`export: copy of ${result.path} saved to ${chosen}`);
  return { ...result, savedTo: chosen };
}

export async function writeExport(
  deps: ExportDeps,
  source: ExportSource,
  actor: Actor,
  p: ExportRequest,
): Promise<ExportResult> {
  const { replay, state } = source;
  const deploymentId = replay.deploymentId;
  if (p.kind === 'csv') {
    const path = await exportPath(deps.exportsDir, deploymentId, 'csv', deps.now());
    const { text } = replayCsv(replay, p.language ?? 'en-GB');
    await writeFile(path, text, { flag: 'wx', mode: 0o600 });
    const bytes = await deps.record(path, 'csv', false);
    deps.log(`export csv ${source.key} by ${actor.id}: ${path}`);
    return { ok: true, path, bytes };
  }
  if (p.kind === 'pdf') {
    const path = await exportPath(deps.exportsDir, deploymentId, 'pdf', deps.now());
    const purged = state?.builder.state.purged ?? new Set<string>();
    await writeReplayPdf(replay, path, {
      generatedBy: `${actor.name} (${actor.id})`,
      generatedAt: new Date(deps.now()).toISOString(),
      includeImages: p.includeImages === true,
      readImage: async (sha) =>
        purged.has(sha) || !/^[0-9a-f]{64}$/.test(sha) ? null : source.readImage(sha),
      publicKey: state?.identity?.publicKey ?? null,
      stationId: state?.identity?.stationId ?? null,
      language: p.language ?? 'en-GB',
    });
    const bytes = await deps.record(path, 'pdf', p.includeImages === true);
    deps.log(`export pdf ${source.key} by ${actor.id}${p.includeImages ? ' (with images)' : ''}: ${path}`);
    return { ok: true, path, bytes };
  }
  if (!state || !source.journal)
    return { ok: false, error: 'a bundle holds one station journal: export it from that station' };
  if (!state.identity) return { ok: false, error: 'the journal has no readable journal-opened entry' };
  const path = await exportPath(deps.exportsDir, deploymentId, BUNDLE_EXTENSION, deps.now());
  const purged = state.builder.state.purged;
  const images = [...state.builder.images].filter((sha) => !purged.has(sha));
  await writeBundle(path, {
    journalFile: source.journal.journalFile,
    imagesDir: source.journal.imagesDir,
    journalBytes: state.offset,
    deploymentId: state.identity.deploymentId,
    stationId: state.identity.stationId,
    publicKey: state.identity.publicKey,
    lastCheckpoint: state.integrity.lastCheckpoint,
    images,
    now: deps.now,
  });
  const bytes = await deps.record(path, 'bundle', images.length > 0);
  deps.log(`export bundle ${source.key} by ${actor.id}: ${path}`);
  return { ok: true, path, bytes };
}

/** Reads an image by SHA-256 from a folder of content-addressed images (null: not there). */
export const imagesIn =
  (imagesDir: string) =>
  (sha256: string): Promise<Buffer | null> =>
    readFile(join(imagesDir, sha256)).catch(() => null);
