// What `electron` resolves to in every tsconfig except electron/main's (see tsconfig.*.json):
// a module with nothing in it, so an Electron import outside electron/main/ is a type error.
export type ElectronIsOnlyForElectronMain = never;
