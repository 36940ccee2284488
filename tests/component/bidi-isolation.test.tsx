/**
 * Issue 10 item 5: names and other feed text are isolated with <bdi> on screen, so a
 * right-to-left name cannot reorder the words around it.
 */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeAlert, makeSnapshot, renderApp } from './fixtures';

describe('feed text on screen', () => {
  it('isolates the watchlist name, category, reason and each warning', async () => {
    const alert = makeAlert({
      tier: 'red',
      subject: { name: 'محمد علي', warnings: ['violent', 'يحمل سلاحا'] },
    });
    await renderApp(makeSnapshot({ alerts: [alert] }));
    expect(screen.getByText('محمد علي').tagName).toBe('BDI');
    expect(screen.getByText('يحمل سلاحا').tagName).toBe('BDI');
    expect(screen.getByText('violent').tagName).toBe('BDI');
    expect(screen.getByText(alert.subject.reason).tagName).toBe('BDI');
    for (const el of screen.getAllByText(alert.subject.category)) expect(el.tagName).toBe('BDI');
  });
});
