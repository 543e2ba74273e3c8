// What makes Switchboard installable on a phone or a desktop ("Add to Home Screen"), served by
// app/routes/manifest.ts as /manifest.webmanifest and named in app/root.tsx. It opens on the browser phone (/phone),
// without the browser's bars, in the top bar's colours. The icons are drawn by scripts/generate-icons.ts into
// public/icons/ (static files: react-router build copies public/ to build/client).

/** The top bar's background (Radix slate-12, app/styles/app.css .topbar): the phone's status bar takes it. */
export const THEME_COLOUR = '#1c2024';
/** The page background (Radix slate-2): the splash screen while the app starts. */
export const BACKGROUND_COLOUR = '#f9f9fb';

export const WEB_APP_MANIFEST = {
  id: '/phone',
  name: 'Switchboard',
  short_name: 'Switchboard',
  start_url: '/phone',
  scope: '/',
  display: 'standalone',
  theme_color: THEME_COLOUR,
  background_color: BACKGROUND_COLOUR,
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    // The keypad sits inside the middle 60%: the same images survive a crop to a circle or a squircle.
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
} as const;
