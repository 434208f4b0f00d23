import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/ui/error-boundary.tsx';
import { registerRouteLoader } from '../lib/route-prefetch.ts';
import { Layout } from './layout.tsx';
import { RouteError } from './route-error.tsx';

const loadConfigEditor = () => import('../features/config-editor/config-editor-page.tsx');
registerRouteLoader('config-editor', loadConfigEditor);

/** Every page is its own chunk: the overview never downloads the form engine the editor needs. */
const pages = {
  picker: lazy(async () => ({ default: (await import('../features/agents/agent-picker-page.tsx')).AgentPickerPage })),
  overview: lazy(async () => ({ default: (await import('../features/environments/agent-overview-page.tsx')).AgentOverviewPage })),
  editor: lazy(async () => ({ default: (await loadConfigEditor()).ConfigEditorPage })),
  schema: lazy(async () => ({ default: (await import('../features/schema-editor/schema-editor-page.tsx')).SchemaEditorPage })),
  compare: lazy(async () => ({ default: (await import('../features/compare/compare-page.tsx')).ComparePage })),
  connectors: lazy(async () => ({ default: (await import('../features/connectors/connectors-page.tsx')).ConnectorsPage })),
  connector: lazy(async () => ({ default: (await import('../features/connectors/connector-detail-page.tsx')).ConnectorDetailPage })),
  numbers: lazy(async () => ({ default: (await import('../features/connectors/phone-numbers-page.tsx')).PhoneNumbersPage })),
};

/**
 * A page, and what stands in for it: nothing while its code first loads (navigations run as transitions, so the
 * previous page stays until the next one can be shown), the reason if it fails (a chunk that cannot be fetched).
 */
function Page({ component: Component }: { component: LazyExoticComponent<ComponentType> }) {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary key={pathname} fallback={(error) => <RouteError error={error} />}>
      <Suspense>
        <Component />
      </Suspense>
    </ErrorBoundary>
  );
}

export function ConsoleRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Page component={pages.picker} />} />
        <Route path="agents/:agentId" element={<Page component={pages.overview} />} />
        <Route path="agents/:agentId/configs/:clientEnv" element={<Page component={pages.editor} />} />
        <Route path="agents/:agentId/configs/:clientEnv/schema" element={<Page component={pages.schema} />} />
        <Route path="agents/:agentId/compare" element={<Page component={pages.compare} />} />
        <Route path="agents/:agentId/connectors" element={<Page component={pages.connectors} />} />
        <Route path="agents/:agentId/connectors/:connectorId" element={<Page component={pages.connector} />} />
        <Route path="agents/:agentId/phone-numbers" element={<Page component={pages.numbers} />} />
        <Route path="*" element={<RouteError notFound />} />
      </Route>
    </Routes>
  );
}
