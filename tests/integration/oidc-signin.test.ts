/**
 * Single sign-on against a real OpenID provider on loopback: code + PKCE, state and
 * nonce, the ID token validated by openid-client, the role from the provider's claim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuerProblem, OidcSignIn, roleFromClaim } from '../../electron/core/auth/oidc';
import { signInAt, startTestProvider, type TestProvider } from './oidc-provider';

const REDIRECT = 'http://127.0.0.1:54321/callback';
const STATION = 'http://127.0.0.1:54321';
let idp: TestProvider;
let userinfoIdp: TestProvider;

beforeAll(async () => {
  idp = await startTestProvider();
  userinfoIdp = await startTestProvider({ rolesInIdToken: false, roleClaim: 'groups' });
});
afterAll(async () => {
  await idp?.close();
  await userinfoIdp?.close();
});

describe('OIDC sign-in against oidc-provider', () => {
  it('signs a supervisor in with code + PKCE and takes the role from the roles claim', async () => {
    const sso = new OidcSignIn<{ purpose: string }>({ issuer: idp.issuer, clientId: idp.clientId });
    const auth = await sso.begin(REDIRECT, { purpose: 'sign-in' });
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    const callback = await signInAt(auth, 'sgt.reyes', STATION);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(sso.contextOf(callback)).toEqual({ purpose: 'sign-in' });
    const { identity, context } = await sso.complete(callback);
    expect(context).toEqual({ purpose: 'sign-in' });
    expect(identity).toMatchObject({
      id: 'sgt.reyes',
      name: 'Dana Reyes',
      role: 'supervisor',
      issuer: idp.issuer,
      subject: 'sgt.reyes',
    });
    expect(identity.idTokenSha256).toMatch(/^[0-9a-f]{64}$/);
    // A replayed callback is refused: each flow finishes once.
    await expect(sso.complete(callback)).rejects.toThrow(/unknown or has expired/);
  });

  it('gives an officer the officer role and refuses a person with no Review Station role', async () => {
    const sso = new OidcSignIn({ issuer: idp.issuer, clientId: idp.clientId });
    const officer = await sso.complete(
      await signInAt(await sso.begin(REDIRECT, undefined), 'pc.okafor', STATION),
    );
    expect(officer.identity.role).toBe('officer');
    const visitor = await signInAt(await sso.begin(REDIRECT, undefined), 'visitor', STATION);
    await expect(sso.complete(visitor)).rejects.toThrow(/no Review Station role: its "roles" claim/);
  });

  it('reads the role from userinfo when the ID token does not carry the configured claim', async () => {
    const sso = new OidcSignIn({
      issuer: userinfoIdp.issuer,
      clientId: userinfoIdp.clientId,
      roleClaim: 'groups',
    });
    const { identity } = await sso.complete(
      await signInAt(await sso.begin(REDIRECT, undefined), 'sgt.reyes', STATION),
    );
    expect(identity.role).toBe('supervisor');
  });

  it('refuses a forged state, a tampered code and an error from the provider', async () => {
    const sso = new OidcSignIn({ issuer: idp.issuer, clientId: idp.clientId });
    const callback = await signInAt(await sso.begin(REDIRECT, undefined), 'pc.okafor', STATION);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-ours');
    await expect(sso.complete(forged)).rejects.toThrow(/unknown or has expired/);
    const tampered = new URL(callback);
    // One character changed: to 'x', unless it was one (1 in 64 codes; it once ran unchanged).
    const code = callback.searchParams.get('code')!;
    tampered.searchParams.set('code', (code.startsWith('x') ? 'y' : 'x') + code.slice(1));
    await expect(sso.complete(tampered)).rejects.toThrow(/could not be completed/);
    const again = await sso.begin(REDIRECT, undefined);
    const denied = new URL(`${REDIRECT}?error=access_denied&state=${again.searchParams.get('state')}`);
    await expect(sso.complete(denied)).rejects.toThrow(/refused the sign-in: access_denied/);
  });

  it('accepts https issuers and http only on loopback; reads a role claim as a list or a string', () => {
    expect(issuerProblem('https://login.force.example/realms/lfr')).toBeNull();
    expect(issuerProblem('http://127.0.0.1:8080')).toBeNull();
    expect(issuerProblem('http://idp.force.example')).toMatch(/https/);
    expect(issuerProblem('not a url')).toMatch(/must be a URL/);
    expect(roleFromClaim(['lfr-officer', 'lfr-supervisor'])).toBe('supervisor');
    expect(roleFromClaim('lfr-officer other')).toBe('officer');
    expect(roleFromClaim(['admin'])).toBeNull();
    expect(roleFromClaim(undefined)).toBeNull();
  });
});
