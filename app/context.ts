import type { SwitchboardServices } from '#server/services.ts';

// Loaders and actions reach storage and the runtime through the load context that server/main.ts builds, so the
// database is opened once, by the server process, and never by code bundled for the browser.
declare module 'react-router' {
  interface AppLoadContext {
    services: SwitchboardServices;
  }
}

export {};
