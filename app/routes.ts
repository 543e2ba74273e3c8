import { type RouteConfig, index, route } from '@react-router/dev/routes';

export default [
  index('routes/flows-list.tsx'),
  route('flows/:flowId', 'routes/flow-detail.tsx'),
  route('healthz', 'routes/healthz.ts'),
] satisfies RouteConfig;
