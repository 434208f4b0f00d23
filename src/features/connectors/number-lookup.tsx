import { useState } from 'react';
import { useNavigate } from 'react-router';
import { lookupConnector } from '../../api/connectors.ts';
import { ApiError } from '../../api/http-client.ts';
import { Button } from '../../components/ui/button.tsx';
import { paths } from '../../lib/paths.ts';

/** Paste a number in any common notation; it is normalised to E.164, looked up, and its connector opens. */
export function NumberLookup({ agentId }: { agentId: string }) {
  const navigate = useNavigate();
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function lookUp() {
    setBusy(true);
    setMessage(undefined);
    try {
      // The phone-number rules are big: they load with the first lookup, not with the page.
      const { normalisePhoneNumber } = await import('./phone-format.ts');
      const normalised = normalisePhoneNumber(input);
      if (!normalised.ok) return setMessage(normalised.reason);
      const connector = await lookupConnector(agentId, normalised.e164);
      navigate(paths.connector(agentId, connector.connectorId, normalised.e164));
    } catch (error) {
      setMessage(
        error instanceof ApiError && error.status === 404
          ? `${error.message}.`
          : `The lookup failed: ${(error as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      role="search"
      aria-label="Look up a number"
      className="w-full max-w-md"
      onSubmit={(event) => {
        event.preventDefault();
        void lookUp();
      }}
    >
      <label htmlFor="number-lookup" className="block text-sm font-medium">
        Which connector answers…
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id="number-lookup"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          placeholder="+44 20 7946 0100, 0044 (0)20…"
          aria-describedby={message ? 'number-lookup-message' : undefined}
          className="block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
        />
        <Button type="submit" variant="primary" className="shrink-0" disabled={busy || input.trim() === ''}>
          {busy ? 'Looking up…' : 'Look up'}
        </Button>
      </div>
      <p id="number-lookup-message" role="status" className="mt-1 min-h-5 text-sm text-red-700 dark:text-red-300">
        {message}
      </p>
    </form>
  );
}
