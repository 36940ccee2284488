/**
 * The loopback redirect for single sign-on from a desktop app (RFC 8252, section 7.3):
 * a one-shot HTTP server on 127.0.0.1 and a port the system picks, which takes the
 * provider's redirect to /callback, answers the browser tab with a short page, and
 * hands the URL over. It answers nothing else and closes after one callback or a timeout.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface LoopbackRedirect {
  redirectUri: string;
  /** The callback URL the provider redirected to; rejects on timeout or close. */
  callback: Promise<URL>;
  /** Answer the waiting browser tab (after the sign-in was checked), then close. */
  finish(outcome: { ok: boolean; message: string }): void;
  close(): void;
}

const PAGE = (title: string, message: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;margin:3rem"><h1>${title}</h1><p>${message}</p></body></html>`;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function startLoopbackRedirect(opts: { timeoutMs?: number } = {}): Promise<LoopbackRedirect> {
  let waiting: ServerResponse | null = null;
  let resolveCallback!: (url: URL) => void;
  let rejectCallback!: (error: Error) => void;
  const callback = new Promise<URL>((resolve, reject) => {
    resolveCallback = resolve;
    rejectCallback = reject;
  });
  callback.catch(() => undefined); // a caller that never awaits must not crash the process
  let origin = '';
  const server = createServer((req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/callback' || waiting) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    waiting = res;
    resolveCallback(url);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    clearTimeout(timer);
    rejectCallback(new Error('the sign-in was not completed in time'));
    server.closeAllConnections();
    server.close();
  };
  const timer = setTimeout(close, opts.timeoutMs ?? 10 * 60_000);
  timer.unref();
  return {
    redirectUri: `${origin}/callback`,
    callback,
    finish(outcome) {
      const res = waiting;
      if (res && !res.headersSent) {
        const title = outcome.ok ? 'Signed in' : 'Sign-in refused';
        res.writeHead(outcome.ok ? 200 : 403, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        });
        const message = `${escapeHtml(outcome.message)} You can close this tab and return to Review Station.`;
        res.end(PAGE(title, message), close);
        return;
      }
      close();
    },
    close,
  };
}
