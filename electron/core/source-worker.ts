/**
 * A worker thread started from a file: a built one (`.cjs`, `.mjs`, `.js`) as it is, and
 * TypeScript source (browser mode, the command-line tools and the tests run through tsx)
 * with tsx's loader registered in the worker's own thread first, since a worker does not
 * inherit its parent's loader.
 */
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function workerFromFile(file: string, options: WorkerOptions = {}): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, options);
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`,
    { ...options, eval: true },
  );
}
