/**
 * A `require` for resolving and loading packages from where this code runs: the bundle's
 * file (__filename, in Electron and the built CLI) or, run from source under tsx, this
 * module's own URL. Either sits inside the project, so both find its node_modules (or the
 * app's asar). Null where neither names a file (code run with `eval` in a worker thread).
 */
import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';

export function packageRequire(): NodeJS.Require | null {
  if (typeof __filename === 'string' && isAbsolute(__filename)) return createRequire(__filename);
  return import.meta.url ? createRequire(import.meta.url) : null;
}
