/**
 * Station settings: kept in <data>/station/settings.json, changed only through the
 * bridge. The schema, ranges and defaults are shared/vocabulary.ts's, the same the
 * bridge request and the settings dialog use.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEFAULT_SETTINGS, settingsShape, type StationSettings } from '../../shared/vocabulary';
import { writeFileDurable } from './journal/fsync';

export { DEFAULT_SETTINGS };

/**
 * Each setting is read on its own: one out of range (a hand-edited file, or a range
 * narrowed since) falls back to its default without taking the others with it.
 */
export async function loadSettings(file: string): Promise<StationSettings> {
  let stored: unknown;
  try {
    stored = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (stored && typeof stored === 'object' && !Array.isArray(stored))
    for (const [key, schema] of Object.entries(settingsShape)) {
      const parsed = schema.safeParse((stored as Record<string, unknown>)[key]);
      if (parsed.success) settings[key] = parsed.data;
    }
  return settings as StationSettings;
}

export async function saveSettings(file: string, settings: StationSettings): Promise<void> {
  // Its folder is made on the first save: the station's key no longer lives there (key-dir.ts),
  // so nothing else may have made it.
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileDurable(file, Buffer.from(JSON.stringify(settings, null, 2) + '\n'));
}
