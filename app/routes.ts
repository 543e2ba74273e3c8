import { type RouteConfig, index, route } from '@react-router/dev/routes';

export default [
  index('routes/flows-list.tsx'),
  route('flows/:flowId', 'routes/flow-detail.tsx'),
  route('flows/:flowId/edit', 'routes/flow-editor.tsx'),
  route('healthz', 'routes/healthz.ts'),
  route('sign-in', 'routes/sign-in.tsx'),
  route('sign-out', 'routes/sign-out.ts'),
  route('setup', 'routes/setup.tsx'),
  route('admin/users', 'routes/admin.users.tsx'),
  route('admin/tokens', 'routes/admin.tokens.tsx'),
  // The JSON API (docs/api.md): bearer tokens, no cookies.
  route('api/flows', 'routes/api/flows.ts'),
  route('api/flows/import', 'routes/api/flows.import.ts'),
  route('api/flows/:flowId', 'routes/api/flow.ts'),
  route('api/flows/:flowId/draft', 'routes/api/flow.draft.ts'),
  route('api/flows/:flowId/validate', 'routes/api/flow.validate.ts'),
  route('api/flows/:flowId/publish', 'routes/api/flow.publish.ts'),
  route('api/flows/:flowId/versions', 'routes/api/flow.versions.ts'),
  route('api/flows/:flowId/export', 'routes/api/flow.export.ts'),
  // The editor's Listen button (browser session, not a token): app/routes/prompt-preview.ts.
  route('api/prompt-preview', 'routes/prompt-preview.ts'),
  route('api/*', 'routes/api/not-found.ts'),
] satisfies RouteConfig;
