/**
 * What the station's page is and may load, for both ways of serving it: the desktop's
 * app:// protocol (electron/main/) and browser mode's loopback server (transport/).
 * Plain values and functions with no Electron and no Node, so either side can use them.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'station';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Alert images are addressed by their SHA-256, so a URL's content can never change:
 * the screen fetches each once and never revalidates (issue 13). Private (never a
 * shared cache) and bounded to a shift; a purged image's URL is no longer shown.
 */
export const IMAGE_CACHE_CONTROL = 'private, max-age=43200, immutable';

/**
 * Everything the page loads comes from the app itself; images may also be blob:/data:
 * (decoded previews). Browser mode adds its loopback WebSocket origin via connectSrc.
 */
export function contentSecurityPolicy(opts: { connectSrc?: readonly string[] } = {}): string {
  const connectSrc = ["'self'", ...(opts.connectSrc ?? [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** True only for URLs on the app's own origin (app://station/...). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // For a non-special scheme the WHATWG URL origin is "null", so compare the parts instead.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
