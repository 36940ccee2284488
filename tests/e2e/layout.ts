/**
 * The layout checks of the officer's screen (issue 14; issue 26 runs them in Welsh and in
 * the pseudo-locale): what must be in view at a size, and text that does not fit its box.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function facesDecoded(page: Page) {
  // By place, not by name, so it waits the same in every language.
  await page.locator('.face-frame img').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    `[...document.querySelectorAll('.face-frame img')].length === 2 &&
     [...document.querySelectorAll('.face-frame img')].every((i) => i.complete && i.naturalWidth > 0)`,
    undefined,
    { timeout: 30_000 },
  );
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

/** Boxes of what must be in view, and whether the page itself can scroll. */
export async function measure(page: Page) {
  return page.evaluate<Measured>(`(() => {
    const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }; };
    // The decision form's submit button (Record decision), found by its place, in any language.
    const button = document.querySelector('.decision-form button[type=submit]');
    // The queue's list scrolls in its own box (virtualised); other tabs in the sidebar panel.
    const panel = document.querySelector('.queue-scroll') ?? document.querySelector('.sidebar-panel');
    return {
      viewport: { width: innerWidth, height: innerHeight },
      page: { scrollHeight: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth },
      status: box(document.querySelector('header.statusbar')),
      deployment: box(document.querySelector('.deployment-panel')),
      faces: [...document.querySelectorAll('.face-frame')].map(box),
      rationale: box(document.getElementById('rationale')),
      record: box(button),
      engage: box(document.getElementById('decision-engage')),
      queue: panel ? { scrollHeight: panel.scrollHeight, clientHeight: panel.clientHeight } : null,
      heading: box(document.getElementById('alert-heading')),
      facts: box(document.querySelector('.facts-strip')),
      reasons: [...document.querySelectorAll('.reasons input[type=checkbox]')].map((c) => ({
        box: box(c.closest('.choice')),
        key: c.closest('.choice').querySelector('kbd')?.textContent ?? null,
      })),
    };
  })()`);
}

export interface Measured {
  viewport: { width: number; height: number };
  page: { scrollHeight: number; scrollWidth: number };
  status: Box;
  deployment: Box;
  faces: Box[];
  rationale: Box;
  record: Box;
  engage: Box;
  queue: { scrollHeight: number; clientHeight: number } | null;
  heading: Box;
  facts: Box;
  reasons: { box: Box; key: string | null }[];
}

export const inside = (b: Box | null, v: { width: number; height: number }) =>
  b !== null && b.left >= 0 && b.top >= 0 && b.right <= v.width + 0.5 && b.bottom <= v.height + 0.5;

/**
 * Everything the officer must see is in view without the page scrolling: the status and
 * deployment bars, both faces, the rationale, Record decision, Engage, the tier, the facts
 * strip (issue 24), and all twelve reasons with their keys.
 */
export function expectAllInView(m: Measured, label: string) {
  const size = `${m.viewport.width}x${m.viewport.height}`;
  expect(m.page.scrollHeight).toBeLessThanOrEqual(m.viewport.height);
  expect(m.page.scrollWidth).toBeLessThanOrEqual(m.viewport.width);
  for (const [name, b] of Object.entries({
    status: m.status,
    deployment: m.deployment,
    probeFace: m.faces[0] ?? null,
    watchlistFace: m.faces[1] ?? null,
    rationale: m.rationale,
    record: m.record,
    engage: m.engage,
    tier: m.heading,
    facts: m.facts,
  }))
    expect(inside(b, m.viewport), `${label}: ${name} ${JSON.stringify(b)} inside ${size}`).toBe(true);
  expect(m.reasons).toHaveLength(12);
  for (const r of m.reasons) {
    expect(inside(r.box, m.viewport), `${label}: reason ${JSON.stringify(r)} inside ${size}`).toBe(true);
    expect(r.key).toMatch(/^[0-9=-]$/);
  }
}

/**
 * Parts of the bars that give way by design when the line is full (deployment-panel.css,
 * layout.css): their facts are all in the Deployment details dialog and the status details,
 * so cutting them is the layout working, not text lost.
 */
const GIVES_WAY = [
  '.deployment-panel-head > .glance-row',
  '.deployment-panel-head > .safeguards',
  '.statusbar .shrinks',
  // One calm line that gives way first (layout.css); its words are in the disclosure it opens.
  '.statusbar .key-notice > summary',
  // The arrival announcement stops at two lines (queue.css); the screen reader hears it all,
  // its title holds it all, and each alert it names is in the queue under it.
  '.queue > .announcement',
].join(', ');

/**
 * Text cut off: an element with its own text that overflows a box hiding its overflow
 * (itself or an ancestor that clips), or that runs past the viewport's sides. Scroll panes
 * are not clipping (their content is reached by scrolling); visually hidden text is not shown.
 */
export async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const givesWay = ${JSON.stringify(GIVES_WAY)};
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || el.closest('.visually-hidden, [aria-hidden="true"], script, style')) continue;
      if (el.closest(givesWay)) continue;
      // A closed disclosure's content is not shown (Chromium still lays it out).
      const shut = el.closest('details:not([open])');
      if (shut && !el.closest('summary')) continue;
      // Skip links wait off screen until they take focus.
      if (el.closest('.skip-link') && !el.closest('.skip-link:focus')) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      const r = el.getBoundingClientRect();
      // Nothing to see, or hidden for sight but kept for screen readers (a 1 px box).
      if (r.width <= 1 || r.height <= 1) continue;
      const text = el.textContent.trim().slice(0, 80);
      const hides = (s, axis) => ['hidden', 'clip'].includes(axis === 'x' ? s.overflowX : s.overflowY);
      if (hides(cs, 'x') && el.scrollWidth > el.clientWidth + 1) out.push('overflows its width: ' + text);
      else if (hides(cs, 'y') && el.scrollHeight > el.clientHeight + 1) out.push('overflows its height: ' + text);
      else if (r.right > innerWidth + 0.5 || r.left < -0.5) out.push('past the viewport: ' + text);
      else {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const as = getComputedStyle(a);
          // Inside a scroll pane the rest is reached by scrolling: not cut. Only a sideways cut
          // counts for an ancestor: longer words run wider; a pane cut at its foot is the
          // queue's (burst announcements), in any language.
          if (['auto', 'scroll'].includes(as.overflowX) || ['auto', 'scroll'].includes(as.overflowY)) break;
          const ar = a.getBoundingClientRect();
          if ((hides(as, 'x') && (r.right > ar.right + 1 || r.left < ar.left - 1))) {
            out.push('cut by ' + (a.className || a.tagName) + ': ' + text);
            break;
          }
        }
      }
    }
    return out;
  })()`);
}
