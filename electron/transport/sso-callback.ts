/**
 * Browser mode's single sign-on callback (/auth/callback): the provider sends the
 * person's tab back here with a code and the state. The route needs no secret of the
 * page's: the state is unguessable and single-use, and the code is worthless without the
 * PKCE verifier the core holds. The answer is a page of our own that moves on to the
 * station with a one-time handoff code in the URL fragment (never sent to any server, and
 * never a cookie, which every port on 127.0.0.1 would be sent); the returning page redeems
 * it, with its token, on its new socket. For a proof made in a second tab it says to close it.
 */
import type { ServerResponse } from 'node:http';
import type { SsoEndpoint } from '../core/auth/identity-gate';

export const SSO_CALLBACK_PATH = '/auth/callback';
/** The URL fragment parameter the returning tab reads its handoff code from. */
const HANDOFF_FRAGMENT = 'handoff';

export type { SsoEndpoint };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string, refreshTo: string | null): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    (refreshTo ? `<meta http-equiv="refresh" content="0;url=${escapeHtml(refreshTo)}">` : '') +
    `</head><body><main><h1>${title}</h1>${body}</main></body></html>`
  );
}

export async function answerSsoCallback(
  res: ServerResponse,
  callback: URL,
  sso: SsoEndpoint,
  securityHeaders: (res: ServerResponse) => void,
  handoff?: { client: string; code: string },
): Promise<void> {
  const { purpose, result } = await sso.completeSso(callback, handoff?.client);
  securityHeaders(res);
  res.writeHead(result.ok ? 200 : 403, { 'Content-Type': 'text/html; charset=utf-8' });
  if (purpose === 'sign-in') {
    // The tab's own connection closed when it left for the provider; its return connects as
    // the client the sign-in was given to, named by the code (base64url: safe in a URL as is).
    const back = handoff && result.ok ? `/#${HANDOFF_FRAGMENT}=${handoff.code}` : '/';
    // Back to the station either way: the screen says why a refused sign-in was refused.
    const title = result.ok ? 'Signed in' : 'Sign-in refused';
    res.end(page(title, `<p><a href="${escapeHtml(back)}">Continue to Review Station</a></p>`, back));
    return;
  }
  const title = result.ok ? 'Confirmed' : 'Not confirmed';
  const detail = result.ok
    ? 'You can close this tab and return to Review Station.'
    : escapeHtml(result.error);
  res.end(page(title, `<p>${detail}</p>`, null));
}
