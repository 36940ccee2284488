import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setBridgeForTests } from '../../renderer/src/bridge';
import { forgetFaces } from '../../renderer/src/state/faces';

const naturalWidth = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'naturalWidth');

afterEach(() => {
  cleanup();
  if (naturalWidth) Object.defineProperty(HTMLImageElement.prototype, 'naturalWidth', naturalWidth);
  setBridgeForTests(null);
  // Faces decoded ahead are kept per page: each test starts with none.
  forgetFaces();
});
