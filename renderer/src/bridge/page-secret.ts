/**
 * Browser mode's page-held secrets. The station prints its address with a per-run token
 * (`/?token=…`); the page keeps that token in sessionStorage (this tab and this origin
 * only: another port on 127.0.0.1 is another origin) and takes it out of the address bar
 * and history. It is never a cookie, which the browser would send to every port on
 * 127.0.0.1. A tab back from a same-tab single sign-on finds a one-time handoff code in
 * the URL fragment (`#handoff=…`), kept in memory for its first hello only.
 */
const TOKEN_KEY = 'review-station.token';
/** The fragment parameter electron/transport/sso-callback.ts writes. */
const HANDOFF_FRAGMENT = 'handoff';

export interface PageSecrets {
  token: string | null;
  handoff: string | null;
}

function remembered(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function remember(token: string): void {
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage refused (a locked-down profile): the token lives in memory for this page only.
  }
}

/** Read the token and handoff code from the address (once), and leave the address clean. */
export function takePageSecrets(): PageSecrets {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const handoff = fragment.get(HANDOFF_FRAGMENT);
  if (fromUrl) remember(fromUrl);
  if (fromUrl || handoff) {
    url.searchParams.delete('token');
    if (handoff) url.hash = '';
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return { token: fromUrl ?? remembered(), handoff };
}
