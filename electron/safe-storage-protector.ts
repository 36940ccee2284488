/**
 * Seals the station's signing key with the OS keychain (Electron safeStorage:
 * Keychain, DPAPI, libsecret/kwallet). safeStorage works on strings, so the key
 * bytes travel through it as base64.
 */
import type { SafeStorage } from 'electron';
import type { KeyProtector } from './core/identity';

/** Stored beside the sealed key; a key sealed this way can only be opened this way. */
export const SAFE_STORAGE_KIND = 'electron-safeStorage';

export function createSafeStorageProtector(
  safeStorage: Pick<SafeStorage, 'encryptString' | 'decryptString'>,
): KeyProtector {
  return {
    kind: SAFE_STORAGE_KIND,
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
