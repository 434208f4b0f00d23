import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { UNSAFE_createMemoryHistory, unstable_HistoryRouter as HistoryRouter } from 'react-router';
import type { ConfigPage } from '../../contract/agents-api.ts';
import { createQueryClient } from '../api/query-client.ts';
import { startInProcessServer } from '../test/in-process-server.ts';
import { readDraft, writeDraft } from '../features/config-editor/drafts.ts';
import { guardHistory } from '../lib/guarded-history.ts';
import { ConsoleRoutes, loadPageFor } from './routes.tsx';

const AGENT = 'PROJECT-HARBOURVIEW';
let server: Awaited<ReturnType<typeof startInProcessServer>>;
beforeEach(async () => {
  server = await startInProcessServer();
});
afterEach(async () => {
  localStorage.clear();
  await server.close();
});

/** Renders the console at `path`, its page's code loaded first (as the app's history does before each move). */
async function renderAt(path: string) {
  await loadPageFor(path);
  const history = guardHistory(UNSAFE_createMemoryHistory({ initialEntries: [path], v5Compat: true }));
  render(
    <QueryClientProvider client={createQueryClient()}>
      <HistoryRouter history={history} useTransitions={false}>
        <ConsoleRoutes />
      </HistoryRouter>
    </QueryClientProvider>,
  );
}

/** Types `value` into the field labelled `label`, then saves through the review dialog. */
async function editAndSave(user: ReturnType<typeof userEvent.setup>, label: RegExp, value: string, env = 'Sandbox') {
  const field = await screen.findByLabelText(label);
  await user.clear(field);
  await user.type(field, value);
  await user.click(screen.getByRole('button', { name: 'Save' }));
  await user.click(await screen.findByRole('button', { name: `Save to ${env}` }));
  return field;
}

/** Another user's write, straight to the server, while the form is open. */
const writeAsSomeoneElse = (variables: object) =>
  server.app.inject({
    method: 'PATCH',
    url: `/v1/agents/${AGENT}/real-time-configs/sandbox/variables`,
    payload: { variables },
  });

const readPage = async (env: string) =>
  (await server.app.inject(`/v1/agents/${AGENT}/real-time-configs/${env}`)).json<ConfigPage>();

describe('agent overview', () => {
  test('shows one card per environment with its variable count and schema check', async () => {
    await renderAt(`/agents/${AGENT}`);
    for (const name of ['Sandbox', 'Pre-release', 'Live']) {
      const card = (await screen.findByRole('heading', { name, level: 2 })).closest('section')!;
      expect(within(card).getByText('17 set')).toBeInTheDocument();
      expect(await within(card).findByText('✓ Valid')).toBeInTheDocument();
    }
  });

  test('counts the errors of a page whose variables fail its schema', async () => {
    await server.app.inject({
      method: 'PUT',
      url: `/v1/agents/${AGENT}/real-time-configs/pre-release/schema`,
      payload: {
        schema: { type: 'object', properties: { promo_code: { type: 'integer' }, speaking_rate: { type: 'string' } } },
      },
    });
    await renderAt(`/agents/${AGENT}`);
    const card = (await screen.findByRole('heading', { name: 'Pre-release', level: 2 })).closest('section')!;
    expect(await within(card).findByText('✕ 2 errors')).toBeInTheDocument();
  });

  test('an unknown agent says so in one word, offers no retry that cannot help, and suggests the same id in other case', async () => {
    await renderAt('/agents/project-harbourview');
    expect(await screen.findByText('Agent not found')).toBeInTheDocument();
    expect(screen.getByText("There is no agent 'project-harbourview'")).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(await screen.findByRole('link', { name: AGENT })).toHaveAttribute('href', `/agents/${AGENT}`);
  });

  test('a page that failed for a reason a retry can fix still offers one', async () => {
    // Enough failures for every read of the page (the header's agent list reads too).
    await server.injectFaults({ fail: { count: 20, status: 503, match: 'reads' } });
    await renderAt(`/agents/${AGENT}`);
    // The console retries a 503 itself (3.5 s of backoff: query-client.ts) before offering a retry: the test allows for
    // that wait and for a loaded machine, instead of racing Vitest's own 5 s limit.
    expect(await screen.findByRole('button', { name: 'Retry' }, { timeout: 10_000 })).toBeInTheDocument();
  }, 15_000);
});

describe('config editor', () => {
  test('saves only the key the user changed, and shows the server time afterwards', async () => {
    const user = userEvent.setup();
    const before = await readPage('sandbox');
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    const save = await screen.findByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();

    const timeout = await screen.findByLabelText(/Silence timeout/);
    await user.clear(timeout);
    await user.type(timeout, '11');
    expect(screen.getByText('1 unsaved change')).toBeInTheDocument();
    await user.click(save);
    await user.click(await screen.findByRole('button', { name: 'Save to Sandbox' }));

    expect(await screen.findByText('Saved 1 key.')).toBeInTheDocument();
    expect(server.appliedWrites()).toEqual([
      {
        method: 'PATCH',
        url: `/v1/agents/${AGENT}/real-time-configs/sandbox/variables`,
        body: { variables: { silence_timeout_seconds: 11 } },
      },
    ]);
    expect(server.writes()[0].headers['if-match']).toBe(`"${before.lastUpdated}"`);
    const after = await readPage('sandbox');
    expect(after.variables).toEqual({ ...before.variables, silence_timeout_seconds: 11 });
    expect(screen.getByTestId('last-updated').querySelector('time')).toHaveAttribute('datetime', after.lastUpdated);
    expect(screen.getByText('No unsaved changes')).toBeInTheDocument();
  });

  test('schema defaults the user never touched are not sent', async () => {
    const user = userEvent.setup();
    const page = await readPage('sandbox');
    const schema = page.schema as { properties: Record<string, unknown> };
    const withDefaults = {
      ...schema,
      properties: {
        ...schema.properties,
        hold_music: { type: 'string', title: 'Hold music', default: 'jazz' },
        callback_offer: {
          type: 'object',
          title: 'Callback offer',
          properties: { enabled: { type: 'boolean', default: true } },
        },
      },
    };
    await server.app.inject({
      method: 'PUT',
      url: `/v1/agents/${AGENT}/real-time-configs/sandbox/schema`,
      payload: { schema: withDefaults },
    });
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    expect(await screen.findByLabelText(/Hold music/)).toHaveValue('jazz');
    await editAndSave(user, /Persona name/, 'Ada');
    expect(await screen.findByText('Saved 1 key.')).toBeInTheDocument();
    expect(server.appliedWrites().map((w) => w.body)).toEqual([{ variables: { agent_persona_name: 'Ada' } }]);
  });

  test('a value that fails the schema is shown on its field, focused, and nothing is sent', async () => {
    const user = userEvent.setup();
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    const timeout = await screen.findByLabelText(/Silence timeout/);
    await user.clear(timeout);
    await user.type(timeout, '99');
    // Said in words as soon as the field is left, before any Save.
    await user.tab();
    expect(await screen.findAllByText('Must be at most 30.')).not.toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findAllByText('Must be at most 30.')).not.toHaveLength(0);
    // Focus moves once the errors are on screen (the next frame).
    await waitFor(() => expect(timeout).toHaveFocus());
    expect(server.writes()).toEqual([]);
  });

  test('a pattern only the backtracking engine runs (lookahead) is checked before the review, and opens nothing it fails', async () => {
    const schema = {
      type: 'object',
      properties: { pin: { type: 'string', title: 'Support PIN', pattern: '^(?=.*\\d)\\w{4}$' } },
    };
    await server.app.inject({
      method: 'PUT',
      url: `/v1/agents/${AGENT}/real-time-configs/sandbox/schema`,
      payload: { schema },
    });
    const user = userEvent.setup();
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    const pin = await screen.findByLabelText(/Support PIN/);
    await user.type(pin, 'abcd');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Not saved: \/pin: Not in the expected form/)).toBeInTheDocument();
    // And on the field itself, as the form's own errors are.
    expect(await screen.findAllByText(/Not in the expected form/)).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Save to Sandbox' })).not.toBeInTheDocument();
    await user.clear(pin);
    await user.type(pin, 'ab12');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(await screen.findByRole('button', { name: 'Save to Sandbox' }));
    await waitFor(async () => expect((await readPage('sandbox')).variables).toMatchObject({ pin: 'ab12' }));
    expect(server.appliedWrites().filter((w) => w.method === 'PATCH')).toHaveLength(1);
  });

  test('refuses to save over a key someone else changed meanwhile, and sends nothing', async () => {
    const user = userEvent.setup();
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    await screen.findByLabelText(/Silence timeout/); // the form has loaded
    await writeAsSomeoneElse({ silence_timeout_seconds: 20 });
    await editAndSave(user, /Silence timeout/, '11');
    expect(await screen.findByText(/Nothing was saved: someone else changed this page/)).toBeInTheDocument();
    const conflict = screen.getByRole('dialog', { name: 'Someone else changed a key you edited' });
    expect(within(conflict).getByLabelText('silence_timeout_seconds theirs')).toHaveTextContent('20');
    expect(within(conflict).getByLabelText('silence_timeout_seconds mine')).toHaveTextContent('11');
    // The one PATCH sent was conditional on the old version, so the server refused it and wrote nothing.
    expect(server.writes().map((w) => w.status)).toEqual([412]);
    expect((await readPage('sandbox')).variables).toMatchObject({ silence_timeout_seconds: 20 });
  });

  test('keeps both edits when someone else changed other keys meanwhile, and says so', async () => {
    const user = userEvent.setup();
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    await screen.findByLabelText(/Silence timeout/); // the form has loaded
    await writeAsSomeoneElse({ promo_code: 'THEIRS1' });
    await editAndSave(user, /Silence timeout/, '11');
    expect(await screen.findByText('Saved 1 key.')).toBeInTheDocument();
    expect(screen.getByText(/Also loaded changes made elsewhere to: promo_code/)).toBeInTheDocument();
    expect((await readPage('sandbox')).variables).toMatchObject({ silence_timeout_seconds: 11, promo_code: 'THEIRS1' });
    expect(server.writes().map((w) => [w.status, w.body])).toEqual([
      [412, { variables: { silence_timeout_seconds: 11 } }],
      [200, { variables: { silence_timeout_seconds: 11 } }],
    ]);
    expect(screen.getByLabelText(/Promo code/)).toHaveValue('THEIRS1');
  });

  test('a save the server failed before applying keeps the edit, says it was not saved, and retries on request', async () => {
    const user = userEvent.setup();
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    const timeout = await screen.findByLabelText(/Silence timeout/);
    await server.injectFaults({ fail: { count: 1, status: 503 } });
    await editAndSave(user, /Silence timeout/, '11');
    expect(await screen.findByText(/Not saved: the server did not confirm/)).toBeInTheDocument();
    expect(timeout).toHaveValue(11);
    expect((await readPage('sandbox')).variables).toMatchObject({ silence_timeout_seconds: 10 });
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Saved 1 key.')).toBeInTheDocument();
    expect((await readPage('sandbox')).variables).toMatchObject({ silence_timeout_seconds: 11 });
    expect(server.appliedWrites()).toHaveLength(1);
  });

  test('a save whose answer was lost is found on the server and reported as saved, not sent again', async () => {
    const user = userEvent.setup();
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    await screen.findByLabelText(/Silence timeout/); // the form has loaded
    await server.injectFaults({ fail: { count: 1, status: 503, when: 'after' } });
    await editAndSave(user, /Silence timeout/, '12');
    expect(await screen.findByText('Saved 1 key.')).toBeInTheDocument();
    expect(
      server
        .writes()
        .filter((w) => w.url.startsWith('/v1/'))
        .map((w) => w.status),
    ).toEqual([503]);
    expect(screen.getByText('No unsaved changes')).toBeInTheDocument();
  });

  test("the server's field errors are shown on the fields they concern", async () => {
    const user = userEvent.setup();
    // PolyAI (in proxy mode) may refuse what our checks accepted: answer this save as it would.
    const reachServer = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) =>
      init?.method === 'PATCH'
        ? new Response(
            JSON.stringify({
              success: false,
              error: 'Config values fail JSON Schema validation',
              error_id: 'corr-1',
              error_code: 'REAL_TIME_CONFIG_INVALID_FOR_SCHEMA',
              error_message: 'Config values fail JSON Schema validation',
              data: { fieldErrors: [{ path: '/silence_timeout_seconds', message: 'is not allowed on weekends' }] },
            }),
            { status: 400, headers: { 'content-type': 'application/json' } },
          )
        : reachServer(input, init),
    );
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    await editAndSave(user, /Silence timeout/, '12');
    expect(await screen.findByText('The server refused the save.')).toBeInTheDocument();
    const onField = document.getElementById('root_silence_timeout_seconds__error');
    expect(onField).toHaveTextContent('is not allowed on weekends');
    expect(screen.getByLabelText(/Silence timeout/)).toHaveValue(12);
  });

  test('saving to live needs the word "live" typed first', async () => {
    const user = userEvent.setup();
    await renderAt(`/agents/${AGENT}/configs/live`);
    const persona = await screen.findByLabelText(/Persona name/);
    await user.clear(persona);
    await user.type(persona, 'Ada');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const confirm = await screen.findByRole('button', { name: 'Save to Live' });
    expect(confirm).toBeDisabled();
    await user.type(screen.getByLabelText(/Type live to confirm/), 'live');
    await user.click(confirm);
    await waitFor(async () => expect((await readPage('live')).variables).toMatchObject({ agent_persona_name: 'Ada' }));
  });
});

describe('drafts', () => {
  test('edits survive a reload: restored with a banner that says from when', async () => {
    const user = userEvent.setup();
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    const persona = await screen.findByLabelText(/Persona name/);
    await user.clear(persona);
    await user.type(persona, 'Drafted');
    await waitFor(() => expect(readDraft(AGENT, 'sandbox')?.changes).toEqual({ agent_persona_name: 'Drafted' }));

    cleanup(); // the tab goes away
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    expect(await screen.findByLabelText(/Persona name/)).toHaveValue('Drafted');
    expect(screen.getByText(/Restored 1 unsaved change from/)).toBeInTheDocument();
    expect(screen.getByText('1 unsaved change')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(await screen.findByRole('button', { name: 'Save to Sandbox' }));
    expect(await screen.findByText('Saved 1 key.')).toBeInTheDocument();
    expect(readDraft(AGENT, 'sandbox')).toBeUndefined();
  });

  test('a draft made on an older version is shown against the current values and applied only on request', async () => {
    const user = userEvent.setup();
    writeDraft(AGENT, 'sandbox', { agent_persona_name: 'Old draft' }, '2020-01-01T00:00:00.000Z', undefined);
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    const persona = await screen.findByLabelText(/Persona name/);
    expect(persona).toHaveValue('Ava');
    expect(screen.getByText(/were made on an older version of this page/)).toBeInTheDocument();
    expect(screen.getByText(/yours "Old draft" · now "Ava"/)).toBeInTheDocument();
    // Not overwritten while the user decides: still the old draft on its old version once autosave (300 ms) had its chance.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readDraft(AGENT, 'sandbox')).toMatchObject({
      baseLastUpdated: '2020-01-01T00:00:00.000Z',
      changes: { agent_persona_name: 'Old draft' },
    });

    await user.click(screen.getByRole('button', { name: 'Apply mine to the current version' }));
    expect(persona).toHaveValue('Old draft');
    expect(screen.getByText('1 unsaved change')).toBeInTheDocument();
    expect(server.writes()).toEqual([]);
  });

  test('discarding a draft removes it', async () => {
    const user = userEvent.setup();
    writeDraft(AGENT, 'sandbox', { agent_persona_name: 'Unwanted' }, '2020-01-01T00:00:00.000Z', undefined);
    await renderAt(`/agents/${AGENT}/configs/sandbox`);
    await user.click(await screen.findByRole('button', { name: 'Discard them' }));
    expect(readDraft(AGENT, 'sandbox')).toBeUndefined();
    expect(screen.queryByText(/older version/)).not.toBeInTheDocument();
  });
});
