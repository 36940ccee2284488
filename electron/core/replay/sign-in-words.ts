/** The replay's event line for a sign-in says how the person proved who they were. */
import type { EntryOf } from '../../../shared/journal/entries';

/** How a person proved who they were at sign-in (journal-v1 `operator-signed-in` method). */
export function howProved(d: EntryOf<'operator-signed-in'>['data']): string {
  switch (d.method) {
    case 'training':
      return 'training sign-in, nothing proved';
    case 'local':
      return 'station account and password';
    case 'oidc':
      return `single sign-on (issuer ${d.issuer ?? '?'}, subject ${d.subject ?? '?'}${d.idTokenSha256 ? `, ID token SHA-256 ${d.idTokenSha256}` : ''})`;
    default:
      return 'how they proved who they were is not recorded';
  }
}
