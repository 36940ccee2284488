/**
 * Single sign-on from the desktop app goes through the person's own browser (RFC 8252):
 * never an embedded web view, where the app could read what is typed into the
 * provider's page. The redirect comes back to a loopback server in the core
 * (core/auth/loopback.ts). Only a provider's https page (or http on this machine) is
 * handed to the system; anything else is refused.
 */
import type { SsoTransport } from '../core/auth/identity-gate';
import { isLoopbackHost } from '../core/feed/url-policy';

interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

export function systemBrowserTransport(shell: ExternalOpener): SsoTransport {
  return {
    kind: 'system-browser',
    async openExternal(raw: string) {
      const url = new URL(raw);
      const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
      if (!allowed) throw new Error(`refusing to open ${url.protocol} URL in the system browser`);
      await shell.openExternal(url.toString());
    },
  };
}
