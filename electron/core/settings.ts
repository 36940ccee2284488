/** Station settings: kept in <data>/station/settings.json, changed only through the bridge. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DEFAULT_DWELL_MS } from '../../shared/decision-rules';
import type { StationSettings } from '../../shared/view';
import { writeFileDurable } from './journal/fsync';

export const DEFAULT_SETTINGS: StationSettings = {
  dwellMs: DEFAULT_DWELL_MS,
  escalateAfterMs: 120_000,
  breakAfterMs: 45 * 60_000,
  sound: true,
  twoPersonTiers: [],
};

const settingsFileSchema = z
  .object({
    dwellMs: z.number().int().min(0).max(60_000),
    escalateAfterMs: z.number().int().min(10_000),
    breakAfterMs: z.number().int().min(60_000),
    sound: z.boolean(),
    twoPersonTiers: z.array(z.enum(['red', 'amber', 'green'])),
  })
  .partial();

export async function loadSettings(file: string): Promise<StationSettings> {
  try {
    const parsed = settingsFileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export async function saveSettings(file: string, settings: StationSettings): Promise<void> {
  await writeFileDurable(file, Buffer.from(JSON.stringify(settings, null, 2) + '\n'));
}
