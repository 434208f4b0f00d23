import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { createQueryClient } from '../api/query-client.ts';
import { startInProcessServer } from '../test/in-process-server.ts';
import { ConsoleRoutes, loadPageFor } from './routes.tsx';

/** Payloads that would run script if any of them reached the DOM as markup rather than text. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '<svg onload="window.__xss=1"></svg>',
  '"><iframe srcdoc="<script>parent.__xss=1</script>">',
  '[click](javascript:window.__xss=1)',
  '<a href="javascript:window.__xss=1">link</a>',
];

let server: Awaited<ReturnType<typeof startInProcessServer>>;
beforeEach(async () => {
  server = await startInProcessServer();
});
afterEach(() => {
  vi.restoreAllMocks();
  return server.close();
});

test.each([
  ['the editor', '/agents/PROJECT-RIVERSIDE/configs/sandbox'],
  ['the compare view', '/agents/PROJECT-RIVERSIDE/compare?q=_'],
])(
  'schema titles, descriptions, property names, enum values and stored values render as text in %s, never as markup',
  async (_name, path) => {
    const properties = Object.fromEntries(
      PAYLOADS.map((payload, i) => [
        `${payload}_${i}`,
        { type: 'string', title: payload, description: payload, enum: [payload, `safe ${i}`], examples: [payload] },
      ]),
    );
    const schema = { type: 'object', title: PAYLOADS[0], description: PAYLOADS[1], properties };
    const variables = Object.fromEntries(PAYLOADS.map((payload, i) => [`${payload}_${i}`, payload]));
    const url = '/v1/agents/PROJECT-RIVERSIDE/real-time-configs/sandbox';
    expect((await server.app.inject({ method: 'PUT', url: `${url}/schema`, payload: { schema } })).statusCode).toBe(
      200,
    );
    // Values go straight to the store: they are valid for the schema (each is its own first enum value).
    expect(
      (await server.app.inject({ method: 'PATCH', url: `${url}/variables`, payload: { variables } })).statusCode,
    ).toBe(200);

    const alert = vi.spyOn(window, 'alert').mockImplementation(() => undefined);
    // jsdom lays nothing out: give elements a window-sized box so the virtualised compare table renders its rows.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(720);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1280);
    await loadPageFor(path);
    render(
      <QueryClientProvider client={createQueryClient()}>
        <MemoryRouter initialEntries={[path]}>
          <ConsoleRoutes />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    // Each payload is on screen as literal text (as a label and a description at least).
    for (const payload of PAYLOADS)
      expect((await screen.findAllByText(payload, { exact: false })).length).toBeGreaterThan(0);

    if (path.includes('/compare')) expect(screen.getAllByRole('rowheader').length).toBeGreaterThan(0);
    const dom = document.body;
    expect(dom.querySelectorAll('script, iframe, svg[onload], img[onerror], object, embed')).toHaveLength(0);
    expect(
      [...dom.querySelectorAll('a')].filter((a) => a.getAttribute('href')?.startsWith('javascript:')),
    ).toHaveLength(0);
    expect(
      [...dom.querySelectorAll('*')].filter((el) => [...el.attributes].some((attr) => attr.name.startsWith('on'))),
    ).toHaveLength(0);
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
    expect(alert).not.toHaveBeenCalled();
  },
);
