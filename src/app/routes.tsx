import { Suspense, type ComponentType } from 'react';
import { matchPath, Route, Routes, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/ui/error-boundary.tsx';
import { registerRouteLoader } from '../lib/route-prefetch.ts';
import { Layout } from './layout.tsx';
import { lazyPage } from './lazy-page.tsx';
import { RouteError } from './route-error.tsx';
import { ROUTES } from '../lib/paths.ts';

const editor = lazyPage(
  async () => (await import('../features/config-editor/config-editor-page.tsx')).ConfigEditorPage,
);
// Links to an editor warm its code up on hover or focus.
registerRouteLoader('config-editor', editor.load);

/** Every page is its own chunk: the overview never downloads the form engine the editor needs. */
const PAGES = [
  [ROUTES.picker, lazyPage(async () => (await import('../features/agents/agent-picker-page.tsx')).AgentPickerPage)],
  [
    ROUTES.overview,
    lazyPage(async () => (await import('../features/environments/agent-overview-page.tsx')).AgentOverviewPage),
  ],
  [ROUTES.editor, editor],
  [
    ROUTES.schemaEditor,
    lazyPage(async () => (await import('../features/schema-editor/schema-editor-page.tsx')).SchemaEditorPage),
  ],
  [ROUTES.compare, lazyPage(async () => (await import('../features/compare/compare-page.tsx')).ComparePage)],
  [
    ROUTES.connectors,
    lazyPage(async () => (await import('../features/connectors/connectors-page.tsx')).ConnectorsPage),
  ],
  [
    ROUTES.connector,
    lazyPage(async () => (await import('../features/connectors/connector-detail-page.tsx')).ConnectorDetailPage),
  ],
  [
    ROUTES.phoneNumbers,
    lazyPage(async () => (await import('../features/connectors/phone-numbers-page.tsx')).PhoneNumbersPage),
  ],
  [ROUTES.history, lazyPage(async () => (await import('../features/history/history-page.tsx')).HistoryPage)],
  [
    ROUTES.versions,
    lazyPage(async () => (await import('../features/history/page-versions-page.tsx')).PageVersionsPage),
  ],
  [
    ROUTES.changeRequests,
    lazyPage(async () => (await import('../features/change-requests/change-requests-page.tsx')).ChangeRequestsPage),
  ],
  [
    ROUTES.changeRequest,
    lazyPage(async () => (await import('../features/change-requests/change-request-page.tsx')).ChangeRequestPage),
  ],
  [ROUTES.members, lazyPage(async () => (await import('../features/members/members-page.tsx')).MembersPage)],
] as const;

/** Loads the code of the page at `path` (if not loaded yet), so the router can show it without waiting. */
export function loadPageFor(path: string): Promise<void> {
  const pathname = path.split(/[?#]/)[0];
  const page = PAGES.find(([pattern]) => matchPath(pattern, pathname))?.[1];
  return page ? page.load() : Promise.resolve();
}

/** A page, and what stands in for it: nothing while its code first loads, the reason if it cannot be shown. */
function Page({ component: Component }: { component: ComponentType }) {
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
        {PAGES.map(([pattern, page]) => (
          <Route key={pattern} path={pattern} element={<Page component={page.Page} />} />
        ))}
        <Route path="*" element={<RouteError notFound />} />
      </Route>
    </Routes>
  );
}
