/**
 * Where focus goes when the place it was is gone (the decided alert's form, a closed dialog
 * opened from the page body): the open alert's heading, or "No alert open" when there is
 * none. Left on the page body, the next Tab starts again from the top and a screen reader
 * says nothing of where the officer is.
 *
 * Focused without scrolling, then brought into view in the next frame: a focus that scrolls
 * makes the browser lay the whole page out there and then, in the middle of opening an alert
 * (3 ms of the ~10 an alert's opening took, issue 25), and again for the frame. In the frame's
 * own callback the layout it needs is the one the frame does anyway.
 */
export function focusReview(): void {
  const target = document.getElementById('alert-heading') ?? document.getElementById('no-alert-heading');
  if (!target) return;
  target.focus({ preventScroll: true });
  requestAnimationFrame(() => {
    // jsdom (component tests) has no scrolling.
    if (document.activeElement === target && 'scrollIntoView' in target)
      target.scrollIntoView({ block: 'nearest' });
  });
}
