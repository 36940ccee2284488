import { getBridge } from '../bridge';

/**
 * The second officer of a two-person check proves who they are with their own single
 * sign-on. Browser mode opens the provider in a new tab, so this one keeps the draft
 * decision; Electron opens the system browser itself. The result arrives with the state.
 */
export async function startSecondOfficerSso(): Promise<string | null> {
  try {
    const res = await getBridge().proveSecondOfficer({ method: 'oidc' });
    if (!res.ok) return res.error;
    if (res.redirect) window.open(res.redirect, '_blank', 'noopener');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
