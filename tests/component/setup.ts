import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { forgetFaces } from '../../renderer/src/state/faces';
import { useLocaleStore } from '../../renderer/src/i18n/locale-store';

const naturalWidth = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'naturalWidth');

// Each test starts from the same page: nothing a test stubbed, spied on or faked (timers,
// globals such as fetch or location) outlives it, even when it failed half way.
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  if (naturalWidth) Object.defineProperty(HTMLImageElement.prototype, 'naturalWidth', naturalWidth);
  setBridgeForTests(null);
  // Faces decoded ahead are kept per page: each test starts with none.
  forgetFaces();
  // Each test starts in English; one that chooses Welsh does not leave it chosen.
  useLocaleStore.setState({ locale: 'en-GB' });
});
