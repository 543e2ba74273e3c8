import { type RouteConfig, index, route } from '@react-router/dev/routes';

export default [
  index('routes/flows-list.tsx'),
  route('flows/:flowId', 'routes/flow-detail.tsx'),
  route('flows/:flowId/edit', 'routes/flow-editor.tsx'),
  route('flows/:flowId/export', 'routes/flows-export.ts'),
  route('flows/:flowId/versions/:number', 'routes/flow-version.tsx'),
  // The canvas overlays (app/traffic): where a period's calls went, and calls in progress per node.
  route('flows/:flowId/traffic', 'routes/flow-traffic.ts'),
  route('flows/:flowId/live', 'routes/flow-live.ts'),
  route('healthz', 'routes/healthz.ts'),
  route('sign-in', 'routes/sign-in.tsx'),
  route('sign-out', 'routes/sign-out.ts'),
  route('setup', 'routes/setup.tsx'),
  route('settings', 'routes/settings.tsx'),
  // The web softphone's SIP identity (app/softphone/credentials.server.ts); its SIP WebSocket is server/sip-websocket-proxy.ts.
  route('softphone/credentials', 'routes/softphone.credentials.ts'),
  route('admin/users', 'routes/admin.users.tsx'),
  // The phone directory (provisioning/people/people-service.ts): people, their personal flows, their SIP accounts.
  route('people', 'routes/people.tsx'),
  route('admin/tokens', 'routes/admin.tokens.tsx'),
  // A phone fetches its configuration through a one-time link made on the People page (no sign-in; app/routes/provision.server.ts).
  route('provision/:token', 'routes/provision.ts'),
  // The installable web app's manifest (app/routes/manifest.ts).
  route('manifest.webmanifest', 'routes/manifest.ts'),
  // Calendars (opening hours, holidays, closures, the "closed now" switch) that business-hours nodes point at.
  route('calendars', 'routes/calendars.tsx'),
  route('calendars/verdicts', 'routes/calendars.verdicts.ts'),
  // Call history (app/history) and the editor's test calls (app/simulator, runtime/simulator).
  route('calls', 'routes/calls.tsx'),
  route('calls.csv', 'routes/calls.csv.tsx'),
  route('calls/:callId', 'routes/calls.detail.tsx'),
  // Voicemail inbox (db/voicemail-inbox.ts); who hears which box: docs/decisions/007-voicemail-web-access.md.
  route('voicemail', 'routes/voicemail.tsx'),
  route('voicemail/access', 'routes/voicemail.access.tsx'),
  route('voicemail/:messageId/audio', 'routes/voicemail.audio.ts'),
  // The browser's phone (app/softphone): its full page and the directory it searches.
  route('phone', 'routes/phone.tsx'),
  route('softphone/directory', 'routes/softphone.directory.ts'),
  route('simulations', 'routes/simulations.ts'),
  route('simulations/:simulationId/events', 'routes/simulations.events.ts'),
  route('simulations/:simulationId/:command', 'routes/simulations.command.ts'),
  // Live conference rooms (app/conferences, runtime/conference): the view, its event stream, recordings' audio.
  route('conferences', 'routes/conferences.tsx'),
  route('conferences/events', 'routes/conferences.events.ts'),
  route('conferences/recordings/:recordingId/audio', 'routes/conferences.recording-audio.ts'),
  // Call centre departments and agents (db/departments.ts, docs/call-centre.md): settings, members, agent states.
  route('departments', 'routes/departments.tsx'),
  route('departments/events', 'routes/departments.events.ts'),
  // The queue report: a period's figures per department and agent, and who waits now (app/queues).
  route('queues', 'routes/queues.tsx'),
  // The JSON API (docs/api.md): bearer tokens, no cookies.
  route('api/flows', 'routes/api/flows.ts'),
  route('api/flows/import', 'routes/api/flows.import.ts'),
  route('api/flows/:flowId', 'routes/api/flow.ts'),
  route('api/flows/:flowId/draft', 'routes/api/flow.draft.ts'),
  route('api/flows/:flowId/validate', 'routes/api/flow.validate.ts'),
  route('api/flows/:flowId/publish', 'routes/api/flow.publish.ts'),
  route('api/flows/:flowId/versions', 'routes/api/flow.versions.ts'),
  route('api/flows/:flowId/traffic', 'routes/api/flow.traffic.ts'),
  route('api/flows/:flowId/export', 'routes/api/flow.export.ts'),
  route('api/conferences', 'routes/api/conferences.ts'),
  route('api/conferences/recordings', 'routes/api/conference-recordings.ts'),
  route('api/conferences/recordings/:recordingId/audio', 'routes/api/conference-recording.audio.ts'),
  route('api/conferences/:room', 'routes/api/conference.ts'),
  route('api/conferences/:room/:command', 'routes/api/conference.command.ts'),
  route('api/conferences/:room/recording/:command', 'routes/api/conference.recording.ts'),
  route('api/conferences/:room/participants/:participantId/:command', 'routes/api/conference.participant.ts'),
  route('api/voicemail', 'routes/api/voicemail.ts'),
  route('api/voicemail/:messageId/audio', 'routes/api/voicemail.audio.ts'),
  route('api/voicemail/:messageId/:command', 'routes/api/voicemail.command.ts'),
  // The editor's Listen button (browser session, not a token): app/routes/prompt-preview.ts.
  route('api/prompt-preview', 'routes/prompt-preview.ts'),
  route('api/*', 'routes/api/not-found.ts'),
] satisfies RouteConfig;
