import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { UNSAFE_createBrowserHistory, unstable_HistoryRouter as HistoryRouter } from 'react-router';
import { createQueryClient } from '../api/query-client.ts';
import { guardHistory } from '../lib/guarded-history.ts';
import { ConsoleRoutes, loadPageFor } from './routes.tsx';
import { SignInGate } from './sign-in-gate.tsx';

// v5Compat: the history reports every move to its listener (pushes too), as the router and the guard expect. The
// router's transitions are off: URL-bound controls must update at once, and page changes wait for their code instead.
const createHistory = () => guardHistory(UNSAFE_createBrowserHistory({ v5Compat: true }), loadPageFor);

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [history] = useState(createHistory);
  return (
    <QueryClientProvider client={queryClient}>
      <SignInGate>
        <HistoryRouter history={history} useTransitions={false}>
          <ConsoleRoutes />
        </HistoryRouter>
      </SignInGate>
    </QueryClientProvider>
  );
}
