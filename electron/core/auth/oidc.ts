/**
 * Single sign-on with the force's OpenID Connect provider: authorization code with
 * PKCE (S256), state and nonce, through openid-client (certified), which validates
 * the ID token (issuer, audience, expiry, nonce, auth_time) and, because non-repudiation
 * checks are switched on here, its signature against the provider's published keys. The role comes from a
 * claim of the provider, never from the station's form; no claim, no sign-in.
 * Nothing secret leaves this module: the caller gets the issuer, the subject and the
 * SHA-256 of the ID token, never a token.
 */
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { isLoopbackHost } from '../feed/url-policy';
import type { Role } from './account-store';

const DEFAULT_ROLE_CLAIM = 'roles';
const ROLE_VALUES: Record<string, Role> = { 'lfr-officer': 'officer', 'lfr-supervisor': 'supervisor' };
/** A sign-in started and not finished within this is forgotten. */
const PENDING_TTL_MS = 10 * 60_000;
const MAX_PENDING = 32;
/** A "fresh" proof (re-authentication) must have been given within this. */
const FRESH_PROOF_S = 300;

interface OidcSettings {
  issuer: string;
  clientId: string;
  roleClaim?: string;
  now?: () => number;
}

export interface OidcIdentity {
  /** Shown and journalled as the actor's id: preferred_username, else the subject. */
  id: string;
  name: string;
  role: Role;
  issuer: string;
  subject: string;
  idTokenSha256: string;
}

interface Pending<C> {
  verifier: string;
  nonce: string;
  redirectUri: string;
  fresh: boolean;
  context: C;
  startedAt: number;
}

/** http is allowed only for a provider on this machine (tests, a local test provider). */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `--idp must be a URL, not "${issuer.slice(0, 100)}"`;
  }
  if (url.username || url.password) return '--idp must not carry a user name or password';
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return null;
  return '--idp must be an https:// URL (http:// only for a provider on 127.0.0.1)';
}

/** The role a set of claims grants: supervisor over officer; null when the claim names neither. */
export function roleFromClaim(value: unknown): Role | null {
  const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const roles = values.filter((v): v is string => typeof v === 'string').map((v) => ROLE_VALUES[v]);
  if (roles.includes('supervisor')) return 'supervisor';
  if (roles.includes('officer')) return 'officer';
  return null;
}

// eslint-disable-next-line no-control-regex
const clip = (s: string, n = 200) => s.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, n);

export class OidcSignIn<C = undefined> {
  private config: oidc.Configuration | null = null;
  private readonly pending = new Map<string, Pending<C>>();
  private readonly roleClaim: string;
  private readonly now: () => number;

  constructor(private readonly settings: OidcSettings) {
    const problem = issuerProblem(settings.issuer);
    if (problem) throw new Error(problem);
    this.roleClaim = settings.roleClaim ?? DEFAULT_ROLE_CLAIM;
    this.now = settings.now ?? Date.now;
  }

  /** A short name for the button: "Sign in with <provider>". */
  get providerName(): string {
    return new URL(this.settings.issuer).host;
  }

  /** Discovery is retried on each sign-in until it works once (the provider may be down at start). */
  private async configuration(): Promise<oidc.Configuration> {
    if (this.config) return this.config;
    const issuer = new URL(this.settings.issuer);
    // openid-client checks issuer, audience, expiry, nonce and auth_time of the ID token, but
    // not its signature (it trusts the TLS connection to the token endpoint). The journal keeps
    // the token's hash as proof of who signed in, so the signature is checked too, against the
    // provider's published keys (jwks_uri): a token the provider did not sign is refused.
    const execute = [
      oidc.enableNonRepudiationChecks,
      ...(issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
    ];
    this.config = await oidc.discovery(issuer, this.settings.clientId, undefined, oidc.None(), {
      execute,
      timeout: 10,
    });
    return this.config;
  }

  /**
   * Where to send the person's browser. `fresh` asks the provider to authenticate them
   * again now (prompt=login) and checks it did (auth_time within five minutes).
   */
  async begin(redirectUri: string, context: C, opts: { fresh?: boolean } = {}): Promise<URL> {
    const config = await this.configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    this.prune();
    this.pending.set(state, {
      verifier,
      nonce,
      redirectUri,
      fresh: opts.fresh ?? false,
      context,
      startedAt: this.now(),
    });
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(opts.fresh ? { prompt: 'login', max_age: String(FRESH_PROOF_S) } : {}),
    });
  }

  private prune(): void {
    const cutoff = this.now() - PENDING_TTL_MS;
    for (const [state, p] of this.pending) if (p.startedAt < cutoff) this.pending.delete(state);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }

  /** The state of a callback URL names the flow it finishes (and its context), if it is one of ours. */
  contextOf(callback: URL): C | undefined {
    const state = callback.searchParams.get('state');
    return state ? this.pending.get(state)?.context : undefined;
  }

  /**
   * Finish a flow from the redirect's URL (only its query is used; the redirect URI is
   * the one this flow registered). Throws an Error with a message fit to show.
   */
  async complete(callback: URL): Promise<{ identity: OidcIdentity; context: C }> {
    const state = callback.searchParams.get('state') ?? '';
    const pending = this.pending.get(state);
    if (!pending || pending.startedAt < this.now() - PENDING_TTL_MS)
      throw new Error('this sign-in is unknown or has expired; start again');
    this.pending.delete(state); // one use only
    const denied = callback.searchParams.get('error');
    if (denied) {
      const why = callback.searchParams.get('error_description');
      throw new Error(`the provider refused the sign-in: ${clip(denied, 60)}${why ? ` (${clip(why)})` : ''}`);
    }
    const config = await this.configuration();
    const current = new URL(pending.redirectUri);
    current.search = callback.search;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
        ...(pending.fresh ? { maxAge: FRESH_PROOF_S } : {}),
      });
    } catch (error) {
      throw new Error(
        `the sign-in could not be completed: ${clip(error instanceof Error ? error.message : String(error))}`,
        { cause: error },
      );
    }
    const claims = tokens.claims();
    const idToken = tokens.id_token;
    if (!claims || !idToken) throw new Error('the provider sent no ID token');
    let source: Record<string, unknown> = claims;
    // Some providers put roles only in userinfo; ask there when the ID token lacks the claim.
    if (claims[this.roleClaim] === undefined && config.serverMetadata().userinfo_endpoint)
      source = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
    const role = roleFromClaim(source[this.roleClaim]);
    if (!role)
      throw new Error(
        `your account at ${this.providerName} has no Review Station role: its "${this.roleClaim}" claim must include lfr-officer or lfr-supervisor`,
      );
    const username =
      typeof source.preferred_username === 'string' ? clip(source.preferred_username, 100) : '';
    const id = username.trim() || clip(claims.sub, 100);
    const name = typeof source.name === 'string' && source.name.trim() ? clip(source.name.trim()) : id;
    return {
      identity: {
        id,
        name,
        role,
        issuer: claims.iss,
        subject: claims.sub,
        idTokenSha256: createHash('sha256').update(idToken, 'utf8').digest('hex'),
      },
      context: pending.context,
    };
  }
}
