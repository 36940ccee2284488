/** For the tests that call a command-line tool's `main` in-process: its output streams, captured. */

/** A writable that keeps what the tool wrote, for the test to read as `text`. */
export function capture() {
  let text = '';
  return {
    write: (s: string) => (text += s),
    get text() {
      return text;
    },
  };
}
