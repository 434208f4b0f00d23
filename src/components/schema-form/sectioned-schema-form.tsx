/**
 * A large config edited one top-level key at a time: each key is its own small rjsf form, memoised, so a keystroke
 * re-renders one key and not two thousand; long pages are virtualised. Validation on demand checks the whole object
 * with the same validator and shows each error on its key. Schemas that tie keys together fall back to one form.
 */
import { memo, useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import Form from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, RJSFValidationError } from '@rjsf/utils';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { baseFormProps, formValidator, SchemaForm, type SchemaFormHandle } from './schema-form.tsx';
import { ErrorSummary } from './templates.tsx';
import { splitByTopLevelKey } from './split-schema.ts';

/** Pages with more keys than this render only what is near the screen. */
const VIRTUALIZE_ABOVE = 60;

export type SectionedFormHandle = {
  /** Validates everything; shows errors on their fields and focuses the first one. True when valid. */
  validate(): boolean;
};

type Props = {
  schema: JsonObject;
  formData: JsonObject;
  onChange: (formData: JsonObject) => void;
  handle?: Ref<SectionedFormHandle>;
  disabled?: boolean;
  /** Errors found elsewhere (the server's answer to a save), shown on their fields until validated again. */
  extraErrors?: ErrorSchema<JsonObject>;
};

export function SectionedSchemaForm({ schema, formData, onChange, handle, disabled, extraErrors }: Props) {
  const sections = useMemo(() => splitByTopLevelKey(schema), [schema]);
  const wholeForm = useRef<SchemaFormHandle>(null);
  const [errors, setErrors] = useState<{ list: RJSFValidationError[]; schema: ErrorSchema<JsonObject> }>();
  const allKeys = useMemo(() => [...(sections?.keys() ?? [])], [sections]);
  // Find a field: by key or title, among the top-level keys (each a section of its own).
  const [query, setQuery] = useState('');
  const keys = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return allKeys;
    const properties = (schema.properties ?? {}) as Record<string, { title?: unknown }>;
    return allKeys.filter((key) => key.toLowerCase().includes(q) || String(properties[key]?.title ?? '').toLowerCase().includes(q));
  }, [allKeys, query, schema]);
  const [scrollMargin, setScrollMargin] = useState(0);
  const virtual = allKeys.length > VIRTUALIZE_ABOVE;
  // scrollPaddingStart keeps a key scrolled to (the first error) clear of the sticky page header.
  const virtualizer = useWindowVirtualizer({
    count: keys.length,
    estimateSize: () => 96,
    overscan: 6,
    scrollMargin,
    scrollPaddingStart: 96,
    enabled: virtual,
  });

  // Each section reports its own key; the latest data is read through a ref so this callback never changes.
  const latest = useRef(formData);
  useLayoutEffect(() => {
    latest.current = formData;
  });
  const onKeyChange = useCallback(
    (key: string, value: unknown) => {
      if (latest.current[key] === value) return;
      onChange({ ...latest.current, [key]: value });
      setErrors((current) => (current?.schema[key] ? { list: current.list.filter((e) => !e.property?.startsWith(`.${key}`)), schema: { ...current.schema, [key]: undefined } } : current));
    },
    [onChange],
  );

  useImperativeHandle(handle, () => ({
    validate() {
      if (!sections) return wholeForm.current?.validateForm() ?? true;
      const result = formValidator.validateFormData(latest.current, schema as RJSFSchema);
      if (result.errors.length === 0) {
        setErrors(undefined);
        return true;
      }
      setErrors({ list: result.errors, schema: result.errorSchema });
      // Every key again: an error must never hide behind a search.
      setQuery('');
      const first = allKeys.find((key) => (result.errorSchema as Record<string, unknown>)[key]);
      if (first && virtual) {
        setTimeout(() => {
          virtualizer.scrollToIndex(allKeys.indexOf(first), { align: 'start' });
          setTimeout(() => focusKey(first), 50);
        });
      } else if (first) {
        focusKey(first);
      }
      return false;
    },
  }));

  if (!sections) {
    return <SchemaForm schema={schema} formData={formData} onChange={onChange} formRef={wholeForm} disabled={disabled} extraErrors={extraErrors} />;
  }

  const sectionProps = (key: string) => ({
    name: key,
    schema: sections.get(key)!,
    value: formData[key],
    errors: ((errors?.schema ?? extraErrors) as Record<string, ErrorSchema> | undefined)?.[key],
    onKeyChange,
    disabled,
  });
  return (
    <div className="sb-form space-y-5">
      {errors && <ErrorSummary errors={errors.list} />}
      {allKeys.length > 1 && (
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-56 flex-1">
            <label htmlFor="field-search" className="block text-sm font-medium">
              Find a field
            </label>
            <input
              id="field-search"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="Key or title"
              className="mt-1 block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 dark:bg-slate-950 dark:ring-slate-700"
            />
          </div>
          <p className="pb-1.5 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {query.trim() ? `${keys.length} of ${allKeys.length} keys match` : `${allKeys.length} keys`}
          </p>
        </div>
      )}
      {virtual ? (
        <div
          ref={(element) => {
            if (element) setScrollMargin(element.offsetTop);
          }}
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="absolute left-0 top-0 w-full pb-5"
              style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
            >
              <Section {...sectionProps(keys[item.index])} />
            </div>
          ))}
        </div>
      ) : (
        keys.map((key) => <Section key={key} {...sectionProps(key)} />)
      )}
      {keys.length === 0 && <p className="text-sm">No field matches “{query}”.</p>}
    </div>
  );
}

type SectionProps = { name: string; schema: JsonObject; value: unknown; errors?: ErrorSchema; onKeyChange: (key: string, value: unknown) => void; disabled?: boolean };

/** Focuses the first input of a key's section (its fields' ids all start with root_<key>). */
function focusKey(key: string) {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`[id^="root_${CSS.escape(key)}"]:is(input, select, textarea, button)`)?.focus();
  });
}

/** One top-level key as its own small form; re-renders only when its own value, schema or errors change. */
const Section = memo(function Section({ name, schema, value, errors, onKeyChange, disabled }: SectionProps) {
  const formData = useMemo(() => (value === undefined ? {} : { [name]: value }), [name, value]);
  const extraErrors = useMemo(() => (errors ? ({ [name]: errors } as ErrorSchema<JsonObject>) : undefined), [name, errors]);
  return (
    <Form<JsonObject, RJSFSchema>
      {...baseFormProps}
      tagName="div"
      schema={schema as RJSFSchema}
      formData={formData}
      disabled={disabled}
      extraErrors={extraErrors}
      showErrorList={false}
      onChange={(event: IChangeEvent<JsonObject>) => onKeyChange(name, event.formData?.[name])}
    />
  );
});
