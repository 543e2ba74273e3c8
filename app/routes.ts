import { type RouteConfig, index, route } from '@react-router/dev/routes';

export default [
  index('routes/flows-list.tsx'),
  route('flows/:flowId', 'routes/flow-detail.tsx'),
  route('flows/:flowId/edit', 'routes/flow-editor.tsx'),
  route('flows/:flowId/export', 'routes/flows-export.ts'),
  route('flows/:flowId/versions/:number', 'routes/flow-version.tsx'),
  route('healthz', 'routes/healthz.ts'),
  route('sign-in', 'routes/sign-in.tsx'),
  route('sign-out', 'routes/sign-out.ts'),
  route('setup', 'routes/setup.tsx'),
  route('admin/users', 'routes/admin.users.tsx'),
  route('admin/tokens', 'routes/admin.tokens.tsx'),
  // Call history (app/history) and the editor's test calls (app/simulator, runtime/simulator).
  route('calls', 'routes/calls.tsx'),
  route('calls.csv', 'routes/calls.csv.tsx'),
  route('calls/:callId', 'routes/calls.detail.tsx'),
  route('simulations', 'routes/simulations.ts'),
  route('simulations/:simulationId/events', 'routes/simulations.events.ts'),
  route('simulations/:simulationId/:command', 'routes/simulations.command.ts'),
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
