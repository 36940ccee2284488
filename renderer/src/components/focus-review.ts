/**
 * Where focus goes when the place it was is gone (the decided alert's form, a closed dialog
 * opened from the page body): the open alert's heading, or "No alert open" when there is
 * none. Left on the page body, the next Tab starts again from the top and a screen reader
 * says nothing of where the officer is.
 *
 * Moved in the next frame's callback, not at once (issue 25): focusing an element makes the
 * browser lay the page out there and then, and in the middle of opening an alert that was
 * a whole layout (about 2 ms) before the frame that shows the faces, which lays it out again.
 * In the frame's own callback the layout focus needs is the one the frame does anyway. The
 * heading is found then, so it is the one on screen in that frame; and if the officer has
 * put focus somewhere on purpose meanwhile (a click, a key), it is left there.
 */
export function focusReview(): void {
  const from = document.activeElement;
  requestAnimationFrame(() => {
    const now = document.activeElement;
    if (now && now !== from && now !== document.body) return;
    const target = document.getElementById('alert-heading') ?? document.getElementById('no-alert-heading');
    if (!target) return;
    target.focus({ preventScroll: true });
    // jsdom (component tests) has no scrolling.
    if (document.activeElement === target && 'scrollIntoView' in target)
      target.scrollIntoView({ block: 'nearest' });
  });
}
