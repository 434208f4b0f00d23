import { useState } from 'react';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { Button } from '../../components/ui/button.tsx';
import {
  applyPropertyEdit,
  editOf,
  emptyEdit,
  PROPERTY_TYPES,
  removeProperty,
  type PropertyEdit,
} from './property-edits.ts';

type Props = { schema: JsonObject; onChange: (schema: JsonObject) => void };

const input =
  'mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700';

/** Add, rename, change or remove top-level properties without writing JSON Schema; it edits the same JSON draft. */
export function PropertyBuilder({ schema, onChange }: Props) {
  const properties =
    typeof schema.properties === 'object' && schema.properties !== null ? Object.keys(schema.properties) : [];
  const [editing, setEditing] = useState<{ original?: string; edit: PropertyEdit }>();
  const [error, setError] = useState<string>();

  const apply = () => {
    if (!editing) return;
    const result = applyPropertyEdit(schema, editing.original, editing.edit);
    if (!result.ok) return setError(result.error);
    onChange(result.schema);
    setEditing(undefined);
    setError(undefined);
  };

  return (
    <div className="space-y-3 text-sm">
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Properties">
        {properties.map((name) => (
          <li key={name} className="flex items-center gap-2 py-1.5">
            <code className="min-w-0 flex-1 truncate">{name}</code>
            <span className="text-xs text-slate-600 dark:text-slate-400">{editOf(schema, name).type}</span>
            <Button
              variant="ghost"
              aria-label={`Edit ${name}`}
              onClick={() => setEditing({ original: name, edit: editOf(schema, name) })}
            >
              Edit
            </Button>
            <Button
              variant="ghost"
              aria-label={`Remove ${name}`}
              onClick={() => onChange(removeProperty(schema, name))}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      {!editing && <Button onClick={() => setEditing({ edit: emptyEdit() })}>Add a property</Button>}
      {editing && (
        <form
          aria-label={editing.original ? `Edit ${editing.original}` : 'New property'}
          className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
          onSubmit={(event) => {
            event.preventDefault();
            apply();
          }}
        >
          <Field
            label="Name"
            value={editing.edit.name}
            onChange={(name) => setEditing({ ...editing, edit: { ...editing.edit, name } })}
          />
          <div>
            <label htmlFor="builder-type" className="block font-medium">
              Type
            </label>
            <select
              id="builder-type"
              value={editing.edit.type}
              onChange={(e) =>
                setEditing({ ...editing, edit: { ...editing.edit, type: e.target.value as PropertyEdit['type'] } })
              }
              className={input}
            >
              {PROPERTY_TYPES.map((type) => (
                <option key={type}>{type}</option>
              ))}
            </select>
          </div>
          <Field
            label="Title"
            value={editing.edit.title}
            onChange={(title) => setEditing({ ...editing, edit: { ...editing.edit, title } })}
          />
          <Field
            label="Description"
            value={editing.edit.description}
            onChange={(description) => setEditing({ ...editing, edit: { ...editing.edit, description } })}
          />
          {(editing.edit.type === 'string' || editing.edit.type === 'number' || editing.edit.type === 'integer') && (
            <>
              <Field
                label="Allowed values (one per line; leave empty to allow every value)"
                multiline
                value={editing.edit.enumText}
                onChange={(enumText) => setEditing({ ...editing, edit: { ...editing.edit, enumText } })}
              />
              <div className="grid grid-cols-2 gap-2">
                <Field
                  label={editing.edit.type === 'string' ? 'Shortest length' : 'Minimum'}
                  value={editing.edit.min}
                  onChange={(min) => setEditing({ ...editing, edit: { ...editing.edit, min } })}
                />
                <Field
                  label={editing.edit.type === 'string' ? 'Longest length' : 'Maximum'}
                  value={editing.edit.max}
                  onChange={(max) => setEditing({ ...editing, edit: { ...editing.edit, max } })}
                />
              </div>
            </>
          )}
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4"
              checked={editing.edit.required}
              onChange={(e) => setEditing({ ...editing, edit: { ...editing.edit, required: e.target.checked } })}
            />
            Required
          </label>
          {error && (
            <p role="alert" className="text-red-800 dark:text-red-300">
              {error}
            </p>
          )}
          <div className="flex gap-2">
            <Button type="submit" variant="primary">
              {editing.original ? 'Apply to the draft' : 'Add to the draft'}
            </Button>
            <Button
              onClick={() => {
                setEditing(undefined);
                setError(undefined);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

function Field({
  label,
  value,
  onChange,
  multiline = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
}) {
  const id = `builder-${label.split(' ')[0].toLowerCase()}`;
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {multiline ? (
        <textarea id={id} rows={3} value={value} onChange={(e) => onChange(e.target.value)} className={input} />
      ) : (
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} className={input} />
      )}
    </div>
  );
}
