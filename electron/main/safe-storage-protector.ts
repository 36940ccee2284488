/**
 * Seals the station's signing key with the OS keychain (Electron safeStorage:
 * Keychain, DPAPI, libsecret/kwallet). safeStorage works on strings, so the key
 * bytes travel through it as base64.
 *
 * On Linux, where no keyring is found, safeStorage falls back to its `basic_text`
 * backend: "encryption" under a key written into Chromium itself, which protects
 * nothing. The station treats that as no protection: it says so (log and the
 * deployment details) and does not seal new keys with it.
 */
import type { SafeStorage } from 'electron';
import type { KeyProtection } from '../../shared/view';
import type { KeyProtector } from '../core/identity';

/** Stored beside the sealed key; a key sealed this way can only be opened this way. */
const SAFE_STORAGE_KIND = 'electron-safeStorage';

export function createSafeStorageProtector(
  safeStorage: Pick<SafeStorage, 'encryptString' | 'decryptString'>,
): KeyProtector {
  return {
    kind: SAFE_STORAGE_KIND,
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}

type SafeStorageProbe = Pick<SafeStorage, 'isEncryptionAvailable'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

const KEYCHAIN: Record<string, string> = {
  darwin: 'macOS Keychain',
  win32: 'Windows DPAPI',
};

/**
 * What actually protects the station key on this machine. Call after app 'ready'
 * (before it, Linux reports the backend as "unknown", which counts as none).
 */
export function keyProtectionOf(safeStorage: SafeStorageProbe, platform: NodeJS.Platform): KeyProtection {
  const none = (why: string): KeyProtection => ({
    protected: false,
    by: 'file permissions only (0600)',
    warning: `The station key is not protected by the operating system: ${why}. Anyone who can read this user's files can sign as this station.`,
  });
  if (!safeStorage.isEncryptionAvailable()) return none('no OS keychain is available to Electron');
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown')
      return none(
        `Electron's safeStorage fell back to its "${backend}" backend (no GNOME keyring or KWallet found), which is not encryption`,
      );
    return { protected: true, by: `OS keyring (${backend})`, warning: null };
  }
  return { protected: true, by: KEYCHAIN[platform] ?? 'OS keychain', warning: null };
}
