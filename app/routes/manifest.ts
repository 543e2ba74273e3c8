// /manifest.webmanifest (app/web-app-manifest.ts). No sign-in: browsers fetch manifests without cookies.
import { WEB_APP_MANIFEST } from '../web-app-manifest.ts';

export function loader() {
  return new Response(JSON.stringify(WEB_APP_MANIFEST, null, 2), {
    headers: {
      'Content-Type': 'application/manifest+json; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    },
  });
}
