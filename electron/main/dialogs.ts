/**
 * Main's own file dialogs. The renderer never names a path: main asks the supervisor which
 * bundle to import, and where a copy of an export is saved.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';

const BUNDLE_DIALOG_TITLE = 'Import a deployment bundle';

/** The supervisor chooses the bundle in a dialog of main's own; null when cancelled. */
export async function pickBundle(parent: BrowserWindow | null): Promise<string | null> {
  const options = {
    title: BUNDLE_DIALOG_TITLE,
    buttonLabel: 'Import',
    filters: [{ name: 'Deployment bundle', extensions: ['lfrbundle'] }],
    properties: ['openFile' as const],
  };
  const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}

const EXPORT_DIALOG_TITLE = 'Save the export';

const EXPORT_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  pdf: { name: 'PDF report', extensions: ['pdf'] },
  lfrbundle: { name: 'Deployment bundle', extensions: ['lfrbundle'] },
};

/**
 * The supervisor chooses where an export is saved in main's own save dialog (the renderer
 * never names a path); null when cancelled. The suggested name is the station's own.
 */
export async function saveExportAs(
  parent: BrowserWindow | null,
  suggestedName: string,
): Promise<string | null> {
  const filter = EXPORT_FILTERS[suggestedName.split('.').pop() ?? ''];
  const options = {
    title: EXPORT_DIALOG_TITLE,
    defaultPath: join(app.getPath('documents'), suggestedName),
    buttonLabel: 'Save',
    ...(filter ? { filters: [filter] } : {}),
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
}
