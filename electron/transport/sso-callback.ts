/**
 * Browser mode's single sign-on callback (/auth/callback): the provider sends the
 * person's tab back here with a code and the state. The session cookie is SameSite=Strict
 * and so is not sent on a redirect from another site; the route does not need it: the
 * state is unguessable and single-use, and the code is worthless without the PKCE
 * verifier the core holds. The answer is a page of our own that moves on to the station
 * (a same-site navigation, which carries the cookie again), or, for a proof made in a
 * second tab, says to close it.
 */
import type { ServerResponse } from 'node:http';
import type { SsoEndpoint } from '../core/auth/identity-gate';

export const SSO_CALLBACK_PATH = '/auth/callback';
/** How long the tab back from a same-tab sign-on has to connect and take the session up. */
export const HANDOFF_S = 120;

export type { SsoEndpoint };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string, refresh: boolean): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    (refresh ? '<meta http-equiv="refresh" content="0;url=/">' : '') +
    `</head><body><main><h1>${title}</h1>${body}</main></body></html>`
  );
}

export async function answerSsoCallback(
  res: ServerResponse,
  callback: URL,
  sso: SsoEndpoint,
  securityHeaders: (res: ServerResponse) => void,
  handoff?: { client: string; cookie: string },
): Promise<void> {
  const { purpose, result } = await sso.completeSso(callback, handoff?.client);
  securityHeaders(res);
  // The tab's own connection closed when it left for the provider; its return connects as
  // the client the sign-in was given to, named by this short-lived cookie (sent same-site only).
  if (handoff && purpose === 'sign-in' && result.ok)
    res.setHeader(
      'Set-Cookie',
      `${handoff.cookie}=${handoff.client}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${HANDOFF_S}`,
    );
  res.writeHead(result.ok ? 200 : 403, { 'Content-Type': 'text/html; charset=utf-8' });
  if (purpose === 'sign-in') {
    // Back to the station either way: the screen says why a refused sign-in was refused.
    const title = result.ok ? 'Signed in' : 'Sign-in refused';
    res.end(page(title, '<p><a href="/">Continue to Review Station</a></p>', true));
    return;
  }
  const title = result.ok ? 'Confirmed' : 'Not confirmed';
  const detail = result.ok
    ? 'You can close this tab and return to Review Station.'
    : escapeHtml(result.error);
  res.end(page(title, `<p>${detail}</p>`, false));
}
