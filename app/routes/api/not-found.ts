// Any other /api URL: a JSON 404 rather than the web app's HTML page, so scripts get an answer they can read.
import { ApiError, json } from './+shared/api.server.ts';

function notFound({ request }: { request: Request }): Response {
  const path = new URL(request.url).pathname;
  const error = new ApiError(404, `There is no API endpoint ${request.method} ${path}; see docs/api.md.`);
  return json({ error: { message: error.message } }, { status: 404 });
}

export const loader = notFound;
export const action = notFound;
