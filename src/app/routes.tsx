import { createBrowserRouter, type RouteObject } from 'react-router';
import { registerRouteLoader } from '../lib/route-prefetch.ts';
import { Layout } from './layout.tsx';
import { RouteError } from './route-error.tsx';

const loadConfigEditor = () => import('../features/config-editor/config-editor-page.tsx');
registerRouteLoader('config-editor', loadConfigEditor);

/** Every page is its own chunk: the overview never downloads the form engine the editor needs. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('../features/agents/agent-picker-page.tsx')).AgentPickerPage }) },
          {
            path: 'agents/:agentId',
            lazy: async () => ({ Component: (await import('../features/environments/agent-overview-page.tsx')).AgentOverviewPage }),
          },
          {
            path: 'agents/:agentId/configs/:clientEnv',
            lazy: async () => ({ Component: (await loadConfigEditor()).ConfigEditorPage }),
          },
          {
            path: 'agents/:agentId/configs/:clientEnv/schema',
            lazy: async () => ({ Component: (await import('../features/schema-editor/schema-editor-page.tsx')).SchemaEditorPage }),
          },
          {
            path: 'agents/:agentId/compare',
            lazy: async () => ({ Component: (await import('../features/compare/compare-page.tsx')).ComparePage }),
          },
          {
            path: 'agents/:agentId/connectors',
            lazy: async () => ({ Component: (await import('../features/connectors/connectors-page.tsx')).ConnectorsPage }),
          },
          {
            path: 'agents/:agentId/connectors/:connectorId',
            lazy: async () => ({ Component: (await import('../features/connectors/connector-detail-page.tsx')).ConnectorDetailPage }),
          },
          {
            path: 'agents/:agentId/phone-numbers',
            lazy: async () => ({ Component: (await import('../features/connectors/phone-numbers-page.tsx')).PhoneNumbersPage }),
          },
          { path: '*', element: <RouteError notFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
