/** The app version, from package.json, bundled at build time (no file read at run time). */
import pkg from '../../package.json';

export const APP_VERSION: string = pkg.version;
