/**
 * @testing-library/react as the component tests import it (vitest.config.ts aliases the
 * package name here): the same API, with every render inside the screen's LocaleProvider,
 * as in the app, so components that speak through react-intl render on their own.
 * English unless a test sets a language with `useLocaleStore.getState().chooseLocale`.
 */
import type { ReactNode } from 'react';
import { render as renderPure, renderHook as renderHookPure } from '@testing-library/react/pure';
import { LocaleProvider } from '../../renderer/src/i18n/LocaleProvider';

export * from '@testing-library/react/pure';

type Wrapper = (props: { children: ReactNode }) => ReactNode;

function inLocale(Outer?: Wrapper): Wrapper {
  return function WithLocale({ children }) {
    return <LocaleProvider>{Outer ? <Outer>{children}</Outer> : children}</LocaleProvider>;
  };
}

export const render: typeof renderPure = ((
  ui: Parameters<typeof renderPure>[0],
  options?: { wrapper?: Wrapper },
) => renderPure(ui, { ...options, wrapper: inLocale(options?.wrapper) })) as typeof renderPure;

export const renderHook: typeof renderHookPure = ((
  callback: (props: unknown) => unknown,
  options?: { wrapper?: Wrapper },
) => renderHookPure(callback, { ...options, wrapper: inLocale(options?.wrapper) })) as typeof renderHookPure;
