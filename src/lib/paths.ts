/**
 * Every address in the console in one place: the route patterns the router matches, the links that lead to them (ids
 * encoded here, once), and one way to read a route's parameters.
 */
import { useParams } from 'react-router';

export const ROUTES = {
  picker: '/',
  overview: '/agents/:agentId',
  editor: '/agents/:agentId/configs/:clientEnv',
  schemaEditor: '/agents/:agentId/configs/:clientEnv/schema',
  compare: '/agents/:agentId/compare',
  connectors: '/agents/:agentId/connectors',
  connector: '/agents/:agentId/connectors/:connectorId',
  phoneNumbers: '/agents/:agentId/phone-numbers',
  history: '/agents/:agentId/history',
  versions: '/agents/:agentId/history/versions',
  members: '/members',
  changeRequests: '/agents/:agentId/change-requests',
  changeRequest: '/agents/:agentId/change-requests/:requestId',
} as const;

const enc = encodeURIComponent;
const query = (search: URLSearchParams | string | undefined) => {
  const text = search?.toString() ?? '';
  return text ? `?${text}` : '';
};

export const paths = {
  members: () => ROUTES.members,
  changeRequests: (agentId: string) => `${paths.agent(agentId)}/change-requests`,
  changeRequest: (agentId: string, id: string) => `${paths.changeRequests(agentId)}/${enc(id)}`,
  agent: (agentId: string) => `/agents/${enc(agentId)}`,
  editor: (agentId: string, env: string) => `${paths.agent(agentId)}/configs/${enc(env)}`,
  schemaEditor: (agentId: string, env: string) => `${paths.editor(agentId, env)}/schema`,
  compare: (agentId: string, search?: URLSearchParams | string) => `${paths.agent(agentId)}/compare${query(search)}`,
  connectors: (agentId: string) => `${paths.agent(agentId)}/connectors`,
  /** `number`: the E.164 number to mark on the connector's page. */
  connector: (agentId: string, connectorId: string, number?: string) =>
    `${paths.connectors(agentId)}/${enc(connectorId)}${query(number ? new URLSearchParams({ number }) : undefined)}`,
  phoneNumbers: (agentId: string) => `${paths.agent(agentId)}/phone-numbers`,
  /** The history, filtered by `search` (see features/history/history-filters.ts). */
  history: (agentId: string, search?: URLSearchParams | string) => `${paths.agent(agentId)}/history${query(search)}`,
  /** A page at two moments side by side (`at` and `with`, ISO times). */
  versions: (agentId: string, env: string, at: string, other?: string) =>
    `${paths.agent(agentId)}/history/versions${query(new URLSearchParams({ env, at, ...(other && { with: other }) }))}`,
};

/** Navigation state that opens the schema editor on a schema from the history, to be reviewed and saved as a restore. */
export type SchemaRestoreState = { restoreSchema: Record<string, unknown>; restoreOf: string; restoreWhat: string };

export function schemaRestoreOf(state: unknown): SchemaRestoreState | undefined {
  const candidate = state as Partial<SchemaRestoreState> | null | undefined;
  return candidate &&
    typeof candidate.restoreSchema === 'object' &&
    candidate.restoreSchema !== null &&
    typeof candidate.restoreOf === 'string'
    ? (candidate as SchemaRestoreState)
    : undefined;
}

/**
 * The current route's parameters, decoded. A page is only rendered under a route that has the ones it reads; outside
 * an agent's routes `agentId` is empty.
 */
export function useRouteParams() {
  const { agentId = '', clientEnv = '', connectorId = '', requestId = '' } = useParams();
  return { agentId, clientEnv, connectorId, requestId };
}
