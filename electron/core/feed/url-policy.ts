/** Which feed URLs the station will connect to (lfr-feed-v1, "Transport"). */
import { isIP } from 'node:net';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

/** Accepts https:/wss: anywhere and http:/ws: on loopback only. */
export function checkFeedUrl(raw: string): { ok: true; url: URL } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `feed URL "${raw}" is not a valid URL` };
  }
  if (url.username || url.password)
    return {
      ok: false,
      error: 'feed URL must not carry credentials; pass the token with --token or LFR_FEED_TOKEN',
    };
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const plain = url.protocol === 'http:' || url.protocol === 'ws:';
  if (!secure && !plain)
    return { ok: false, error: `feed URL must be https: (or http: on loopback), not ${url.protocol}` };
  if (plain && !isLoopbackHost(url.hostname))
    return {
      ok: false,
      error: `refusing plain ${url.protocol.replace(':', '')} feed at ${url.host}: alerts carry biometric images, so a feed off this machine must use https:`,
    };
  return { ok: true, url };
}
