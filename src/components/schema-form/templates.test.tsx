import { afterEach, describe, expect, test } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState } from 'react';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { SectionedSchemaForm, type SectionedFormHandle } from './sectioned-schema-form.tsx';

afterEach(cleanup);

const venue = {
  type: 'object',
  title: 'Venue',
  properties: {
    address: {
      type: 'object',
      title: 'Address',
      properties: {
        street: { type: 'string', title: 'Street' },
        city: { type: 'string', title: 'City', minLength: 2 },
      },
    },
    rooms: { type: 'array', title: 'Rooms', items: { type: 'string' } },
    note: { type: ['string', 'null'], title: 'Note' },
    code: { type: 'string', title: 'Code' },
    floor: { type: 'string', title: 'Floor' },
  },
};
// Per-key sections, and one form for the whole page (a root `dependencies` ties keys together).
const SCHEMAS: [string, JsonObject][] = [
  ['per-key sections', { type: 'object', properties: { venue } }],
  [
    'one form',
    { type: 'object', properties: { venue, other: { type: 'string' } }, dependencies: { other: ['venue'] } },
  ],
];
const stored = { venue: { address: { street: 'Main St', city: 'Cork' }, rooms: ['A', 'B'], note: null, code: '' } };

function Harness({
  schema,
  variables,
  handle,
}: {
  schema: JsonObject;
  variables: JsonObject;
  handle?: React.Ref<SectionedFormHandle>;
}) {
  const [draft, setDraft] = useState(variables);
  const keyStates = { stored: variables, initial: variables, server: variables };
  return (
    <SectionedSchemaForm schema={schema} formData={draft} onChange={setDraft} keyStates={keyStates} handle={handle} />
  );
}

test('a fold outlives its section: hidden by a search and shown again, the group is still folded', async () => {
  const user = userEvent.setup();
  render(<Harness schema={{ type: 'object', properties: { venue, other: { type: 'string' } } }} variables={stored} />);
  await user.click(screen.getByRole('button', { name: 'Address' }));
  await user.type(screen.getByLabelText('Find a field'), 'other');
  expect(screen.queryByRole('button', { name: 'Address' })).toBeNull();
  await user.clear(screen.getByLabelText('Find a field'));
  expect(screen.getByRole('button', { name: 'Address' })).toHaveAttribute('aria-expanded', 'false');
  expect(screen.getByText('Folded: 2 fields.')).toBeInTheDocument();
});

describe.each(SCHEMAS)('nested objects and arrays (%s)', (_mode, schema) => {
  test('fold from their heading and unfold with their values intact', async () => {
    const user = userEvent.setup();
    render(<Harness schema={schema} variables={stored} />);
    const address = screen.getByRole('button', { name: 'Address' });
    expect(address).toHaveAttribute('aria-expanded', 'true');
    await user.click(address);
    expect(address).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByLabelText('Street')).toBeNull();
    expect(screen.getByText('Folded: 2 fields.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Rooms' }));
    expect(screen.getByText('Folded: 2 items.')).toBeInTheDocument();
    await user.click(address);
    expect(screen.getByLabelText('Street')).toHaveValue('Main St');
    // The top-level key folds from its state bar, not from a heading of its own.
    expect(screen.queryByRole('button', { name: 'Venue' })).toBeNull();
  });

  test('say which empty-looking fields hold null or empty text', () => {
    render(<Harness schema={schema} variables={stored} />);
    expect(screen.getByText('Note', { selector: 'label' })).toHaveTextContent('Note null');
    expect(screen.getByText('Code', { selector: 'label' })).toHaveTextContent('Code empty text');
    expect(screen.getByText('Floor', { selector: 'label' })).toHaveTextContent(/^Floor$/);
  });

  test('a folded group that holds an error opens on validation, and its field gets the focus', async () => {
    const user = userEvent.setup();
    const handle = createRef<SectionedFormHandle>();
    render(
      <Harness
        schema={schema}
        variables={{ venue: { ...stored.venue, address: { street: 'Main St', city: 'C' } } }}
        handle={handle}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Address' }));
    expect(screen.queryByLabelText('City')).toBeNull();
    act(() => void handle.current!.validate());
    await waitFor(() => expect(screen.getByLabelText('City')).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Address' })).toHaveAttribute('aria-expanded', 'true');
    // Fixing the field (which clears its error) keeps the group open.
    await user.type(screen.getByLabelText('City'), 'ork');
    expect(screen.getByLabelText('City')).toHaveValue('Cork');
    act(() => void handle.current!.validate());
    expect(screen.getByRole('button', { name: 'Address' })).toHaveAttribute('aria-expanded', 'true');
  });
});

describe('finding a field on a long page', () => {
  const manyKeys = (count: number) => ({
    type: 'object',
    properties: Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`key_${i}`, { type: 'string', title: `Field ${i}` }]),
    ),
  });

  test('a 150-key page has every field in the page, so the browser’s own find can reach it', () => {
    const { container } = render(<Harness schema={manyKeys(150)} variables={{}} />);
    // Looked up by the label's own `for` (getByLabelText scans every label for each query: seconds on a loaded machine).
    const labels = [...container.querySelectorAll('label')].filter((label) =>
      /^Field \d+$/.test(label.textContent?.trim() ?? ''),
    );
    expect(labels).toHaveLength(150);
    for (const label of [labels[0], labels[149]])
      expect(container.querySelector(`#${CSS.escape(label.htmlFor)}`)).toBeInstanceOf(HTMLInputElement);
  });
});
