/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified server) on
 * loopback for tests, with three people: a supervisor, an officer and a visitor with
 * no Review Station role. Its development login page takes the account ID as the
 * login; its consent page needs one "Continue".
 * `signInAt` drives that login page with fetch, the way a browser would.
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error -- oidc-provider ships no type declarations
import Provider from 'oidc-provider';

export const PEOPLE: Record<string, { name: string; roles?: string[] }> = {
  'sgt.reyes': { name: 'Dana Reyes', roles: ['lfr-supervisor', 'staff'] },
  'pc.okafor': { name: 'Sam Okafor', roles: ['lfr-officer'] },
  'pc.lee': { name: 'Jo Lee', roles: ['lfr-officer'] },
  visitor: { name: 'Vic Visitor', roles: ['staff'] },
};

export interface TestProvider {
  issuer: string;
  clientId: string;
  close(): Promise<void>;
}

export async function startTestProvider(
  opts: { roleClaim?: string; rolesInIdToken?: boolean } = {},
): Promise<TestProvider> {
  const roleClaim = opts.roleClaim ?? 'roles';
  const clientId = 'review-station';
  // Listen first: the issuer names the port.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // A native client's loopback redirect matches on any port (RFC 8252 section 7.3).
        redirect_uris: ['http://127.0.0.1/callback', 'http://127.0.0.1/auth/callback'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', roleClaim] },
    conformIdTokenClaims: !(opts.rolesInIdToken ?? true),
    cookies: { keys: ['test-cookie-key-not-secret'] },
    pkce: { required: () => true },
    async findAccount(_ctx: unknown, id: string) {
      const person = PEOPLE[id];
      if (!person) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          name: person.name,
          preferred_username: id,
          ...(person.roles ? { [roleClaim]: person.roles } : {}),
        }),
      };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Follow an authorization URL as a browser would, log in as `login` on the provider's
 * page, and return the redirect back to the station (not fetched), e.g. .../callback?code=...
 */
export async function signInAt(
  authorizationUrl: string | URL,
  login: string,
  stationOrigin: string,
): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | null = null;
  for (let hop = 0; hop < 20; hop++) {
    if (url.origin === stationOrigin) return url;
    const res: Response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body: body.toString() } : {}),
    });
    keep(res);
    body = null;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const html: string = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt: string | undefined = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
    if (res.status !== 200 || !action || !prompt)
      throw new Error(`the provider answered ${res.status} with no form: ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url);
    // The login page takes the account ID; the consent page only a "Continue".
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('too many redirects at the provider');
}
