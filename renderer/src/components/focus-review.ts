/**
 * Where focus goes when the place it was is gone (the decided alert's form, a closed dialog
 * opened from the page body): the open alert's heading, or "No alert open" when there is
 * none. Left on the page body, the next Tab starts again from the top and a screen reader
 * says nothing of where the officer is.
 */
export function focusReview(): void {
  (document.getElementById('alert-heading') ?? document.getElementById('no-alert-heading'))?.focus();
}
