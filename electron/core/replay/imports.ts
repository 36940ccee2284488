/**
 * Importing a bundle: the file comes from an upload (browser mode) or the dialog in main
 * (Electron), never a path from the renderer; it is checked and unpacked under
 * <dataDir>/imports/<importId>/ and its verdict remembered for the listing.
 */
import type { Actor } from '../../../shared/journal/entries';
import type { Integrity } from '../../../shared/replay';
import type { TrustEntry } from '../journal/trust';
import { BundleError, withBundleProblems } from './bundle';
import { importBundleInto } from './bundle-import';
import { integrityFrom } from './load';
import type { BundleUploads } from './uploads';

interface ImportDeps {
  importsDir: string;
  pickBundle?: (() => Promise<string | null>) | undefined;
  uploads?: BundleUploads | undefined;
  /** The import quota (bundle-import.ts); undefined: the default. */
  quotaBytes?: number | undefined;
  trustNow: () => Promise<readonly TrustEntry[] | null>;
  /** The import's verdict, for the listing, and which deployment it holds. */
  imported: (key: string, deploymentId: string, importId: string, integrity: Integrity) => void;
  now: () => number;
  log: (line: string) => void;
}

type ImportResult = { ok: true; key: string } | { ok: false; error: string };

export async function importBundleFor(
  deps: ImportDeps,
  actor: Actor,
  p: { upload?: string | undefined },
): Promise<ImportResult> {
  let path: string | null;
  if (p.upload) {
    path = (await deps.uploads?.pathOf(p.upload)) ?? null;
    if (!path) return { ok: false, error: 'that upload is not on the station (upload the bundle again)' };
  } else if (deps.pickBundle) {
    path = await deps.pickBundle();
    if (!path) return { ok: false, error: 'no bundle was chosen' };
  } else return { ok: false, error: 'choose a bundle file to upload first' };
  try {
    const result = await importBundleInto(path, deps.importsDir, {
      now: deps.now,
      ...(deps.quotaBytes ? { quotaBytes: deps.quotaBytes } : {}),
    });
    const key = `import:${result.importId}`;
    if (result.extracted) {
      const integrity = withBundleProblems(
        integrityFrom(result.extracted.report, deps.now(), await deps.trustNow()),
        result.extracted.problems,
      );
      deps.imported(key, result.extracted.manifest.deploymentId, result.importId, integrity);
      deps.log(`import ${key} by ${actor.id}: ${integrity.status}`);
    }
    return { ok: true, key };
  } catch (error) {
    if (error instanceof BundleError) return { ok: false, error: error.message };
    deps.log(`importBundle: ${String(error)}`);
    return { ok: false, error: `import failed: ${(error as Error).message}` };
  } finally {
    if (p.upload) await deps.uploads?.discard(p.upload);
  }
}
