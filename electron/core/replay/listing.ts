/**
 * A quick look at a journal for the list of deployments: title, dates, counts. It does
 * not verify (opening does) and parses only the few lines it needs; the rest are
 * recognised by their type alone. Results are cached by file size and mtime.
 */
import { open, stat } from 'node:fs/promises';
import type { Actor } from '../../../shared/journal/entries';
import { readLines } from '../journal/chain';

interface QuickInfo {
  deploymentId: string | null;
  title: string | null;
  training: boolean;
  startsAt: string | null;
  endsAt: string | null;
  firstEntryAt: string | null;
  lastEntryAt: string | null;
  alerts: number;
  decided: number;
  legalHold: { reason: string; by: Actor; at: string } | null;
}

const TYPE_MARK = '"type":"';
const AT_RE = /"at":"([^"]{1,64})"/;

/** A line in canonical form (what the station writes now) ends with its type: members are sorted. */
const TYPE_AT_END_RE = /"type":"([^"\\]*)"}$/;

/**
 * The entry type, read without parsing the line: at the end of a canonical line, or near
 * the start of one written before lines were canonical (that writer put `type` before `data`).
 */
function typeOf(line: string): string | null {
  const atEnd = TYPE_AT_END_RE.exec(line.slice(-200));
  if (atEnd) return atEnd[1] ?? null;
  const i = line.indexOf(TYPE_MARK);
  if (i === -1 || i > 200) return null;
  const j = line.indexOf('"', i + TYPE_MARK.length);
  return j === -1 ? null : line.slice(i + TYPE_MARK.length, j);
}

function parse(line: string): { at?: unknown; actor?: unknown; data?: Record<string, unknown> } | null {
  try {
    return JSON.parse(line) as { at?: unknown; actor?: unknown; data?: Record<string, unknown> };
  } catch {
    return null;
  }
}

export async function quickInfo(file: string): Promise<QuickInfo> {
  const info: QuickInfo = {
    deploymentId: null,
    title: null,
    training: false,
    startsAt: null,
    endsAt: null,
    firstEntryAt: null,
    lastEntryAt: null,
    alerts: 0,
    decided: 0,
    legalHold: null,
  };
  const decided = new Set<string>();
  const handle = await open(file, 'r');
  try {
    let first = true;
    for await (const line of readLines(handle)) {
      const text = line.text;
      if (text === null || !line.terminated) continue;
      const at = AT_RE.exec(text.slice(0, 200))?.[1] ?? null;
      if (first) {
        info.firstEntryAt = at;
        first = false;
      }
      if (at) info.lastEntryAt = at;
      const type = typeOf(text);
      if (type === 'alert-received') info.alerts += 1;
      else if (type === 'decision') {
        const alertId = parse(text)?.data?.alertId;
        if (typeof alertId === 'string') decided.add(alertId);
      } else if (type === 'journal-opened') {
        const data = parse(text)?.data;
        if (typeof data?.deploymentId === 'string') info.deploymentId = data.deploymentId;
        info.training = data?.training === true;
      } else if (type === 'deployment') {
        const data = parse(text)?.data;
        if (typeof data?.title === 'string') info.title = data.title;
        if (typeof data?.startsAt === 'string') info.startsAt = data.startsAt;
        if (typeof data?.endsAt === 'string') info.endsAt = data.endsAt;
      } else if (type === 'legal-hold') {
        const entry = parse(text);
        const actor = entry?.actor as Actor | null | undefined;
        info.legalHold =
          entry?.data?.active === false || !actor
            ? null
            : {
                reason: typeof entry?.data?.reason === 'string' ? entry.data.reason : '',
                by: { id: actor.id, name: actor.name },
                at: String(entry?.at),
              };
      }
    }
  } finally {
    await handle.close();
  }
  info.decided = decided.size;
  return info;
}

/** quickInfo, remembered until the file's size or mtime changes. */
export class QuickInfoCache {
  private readonly entries = new Map<string, { size: number; mtimeMs: number; info: QuickInfo }>();

  async get(file: string): Promise<QuickInfo | null> {
    const s = await stat(file).catch(() => null);
    if (!s?.isFile()) return null;
    const cached = this.entries.get(file);
    if (cached && cached.size === s.size && cached.mtimeMs === s.mtimeMs) return cached.info;
    const info = await quickInfo(file);
    this.entries.set(file, { size: s.size, mtimeMs: s.mtimeMs, info });
    return info;
  }
}
