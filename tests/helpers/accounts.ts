/**
 * Station accounts for tests that run the core on a real feed (`feedUrl`), where
 * sign-in needs a credential: the account is created in the data folder with a
 * password made from its ID, then signed in through the bridge services like the screen.
 */
import { AccountStore, type Role } from '../../electron/core/auth/account-store';
import type { StationServices } from '../../shared/contract';

export const passwordFor = (id: string) => `test password of ${id}`;

export interface TestPerson {
  id: string;
  name: string;
  role: Role;
}

/** Create the accounts (idempotent per folder). */
export async function addAccounts(dataDir: string, people: TestPerson[]): Promise<void> {
  const store = new AccountStore(dataDir);
  for (const p of people)
    if (!(await store.get(p.id)))
      await store.add({ officerId: p.id, name: p.name, role: p.role, password: passwordFor(p.id) });
}

/** Create the person's account if needed and sign them in with its password. */
export async function signInWithAccount(
  core: { services: Pick<StationServices, 'signIn'> },
  dataDir: string,
  person: TestPerson,
) {
  await addAccounts(dataDir, [person]);
  const result = await core.services.signIn({
    method: 'local',
    id: person.id,
    password: passwordFor(person.id),
  });
  if (!result.ok) throw new Error(`sign-in of ${person.id} refused: ${result.error}`);
  return result;
}
