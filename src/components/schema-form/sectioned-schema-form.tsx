/**
 * A large config edited one top-level key at a time: each key is its own small rjsf form, memoised, so a keystroke
 * re-renders one key and not two thousand; long pages are virtualised. Validation on demand checks the whole object
 * with the same validator and shows each error on its key. Schemas that tie keys together fall back to one form.
 */
import { flushSync } from 'react-dom';
import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type Ref,
} from 'react';
import Form from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, RJSFValidationError } from '@rjsf/utils';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { baseFormProps, formValidator, SchemaForm, type SchemaFormHandle } from './schema-form.tsx';
import { plainErrors } from './plain-errors.ts';
import { ErrorSummary } from './templates.tsx';
import { splitByTopLevelKey } from './split-schema.ts';
import { CollapsedNote, KeyStateBar, type KeyState, type KeyStateContext } from './key-state-bar.tsx';
import { jsonEqual } from '../../lib/json-equal.ts';
import { acceptsNull } from './accepts-null.ts';
import { errorPath, fieldIdOf, focusField } from './field-focus.ts';
import { FoldsContext, useFolds } from './folds.ts';

/**
 * Pages with more keys than this render only what is near the screen. Up to it every key is in the page, so the
 * browser's own find (Ctrl/Cmd+F) finds any field; sections off screen skip layout and paint (content-visibility).
 */
const VIRTUALIZE_ABOVE = 300;

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
  /**
   * With these, each key shows its state (not set, null, edited, changed on server) and offers undo / set to null:
   * what the page stores, the form's starting values (stored + schema defaults), the server's latest values.
   */
  keyStates?: { stored: JsonObject; initial: JsonObject; server: JsonObject };
  /** Where each top-level key's history is shown (a link beside its state). */
  historyOf?: (key: string) => string;
};

export function SectionedSchemaForm({
  schema,
  formData,
  onChange,
  handle,
  disabled,
  extraErrors,
  keyStates,
  historyOf,
}: Props) {
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
    return allKeys.filter(
      (key) =>
        key.toLowerCase().includes(q) ||
        String(properties[key]?.title ?? '')
          .toLowerCase()
          .includes(q),
    );
  }, [allKeys, query, schema]);
  const [scrollMargin, setScrollMargin] = useState(0);
  const virtual = allKeys.length > VIRTUALIZE_ABOVE;
  // On a page too long to draw whole, the browser's find cannot see the fields that are not drawn: Ctrl/Cmd+F goes to
  // "Find a field" first; pressed again there, the browser's own find opens as usual.
  const findBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!virtual) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'f' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey)
        return;
      if (!findBox.current || document.activeElement === findBox.current) return;
      event.preventDefault();
      findBox.current.focus();
      findBox.current.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [virtual]);
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
      setErrors((current) =>
        current?.schema[key]
          ? {
              list: current.list.filter((e) => !e.property?.startsWith(`.${key}`)),
              schema: { ...current.schema, [key]: undefined },
            }
          : current,
      );
    },
    [onChange],
  );

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const folds = useFolds();
  const keyStatesRef = useRef(keyStates);
  useLayoutEffect(() => {
    keyStatesRef.current = keyStates;
  });
  const onKeyAction = useCallback(
    (key: string, action: 'undo' | 'null' | 'toggle') => {
      if (action === 'toggle') {
        setCollapsed((current) => {
          const next = new Set(current);
          if (!next.delete(key)) next.add(key);
          return next;
        });
        return;
      }
      onKeyChange(key, action === 'null' ? null : keyStatesRef.current?.initial[key]);
    },
    [onKeyChange],
  );

  /** Brings a key on screen (expanded, scrolled to in a long page), then focuses `fieldId` or the key's first input. */
  const jumpTo = (key: string, fieldId = `root_${key}`) => {
    setCollapsed((current) => (current.has(key) ? new Set([...current].filter((k) => k !== key)) : current));
    setQuery('');
    if (virtual) {
      setTimeout(() => {
        virtualizer.scrollToIndex(allKeys.indexOf(key), { align: 'start' });
        setTimeout(() => focusField(fieldId), 50);
      });
    } else {
      setTimeout(() => focusField(fieldId));
    }
  };

  useImperativeHandle(handle, () => ({
    validate() {
      if (!sections) {
        // Every key expanded first, so the form can focus the first error wherever it is.
        flushSync(() => setCollapsed(new Set()));
        return wholeForm.current?.validateForm() ?? true;
      }
      const result = formValidator.validateFormData(
        latest.current,
        schema as RJSFSchema,
        undefined,
        plainErrors(schema),
      );
      if (result.errors.length === 0) {
        setErrors(undefined);
        return true;
      }
      setErrors({ list: result.errors, schema: result.errorSchema });
      // Every key again, expanded: an error must never hide behind a search or a collapsed section.
      setQuery('');
      const failing = allKeys.filter((key) => (result.errorSchema as Record<string, unknown>)[key]);
      setCollapsed((current) => new Set([...current].filter((key) => !failing.includes(key))));
      if (failing.length > 0) {
        const first = result.errors.find((error) => topKeyOf(error.property) === failing[0]);
        jumpTo(failing[0], first && fieldIdOf(first.property));
      }
      return false;
    },
  }));

  if (!sections) {
    // One form for the whole object: the same key states, drawn by the field template of each top-level key. Plain
    // data, not callbacks: rjsf compares its props deeply, ignoring functions, to decide whether to draw again.
    const formContext: KeyStateContext | undefined = keyStates && {
      states: Object.fromEntries(
        [...new Set([...Object.keys((schema.properties ?? {}) as object), ...Object.keys(formData)])].map((key) => [
          key,
          { ...stateOf(key, formData[key], keyStates), nullable: acceptsNull(schema, key) },
        ]),
      ),
      collapsed: [...collapsed],
      onKeyAction,
      historyOf,
    };
    return (
      <FoldsContext.Provider value={folds}>
        <SchemaForm
          schema={schema}
          formData={formData}
          onChange={onChange}
          formRef={wholeForm}
          disabled={disabled}
          extraErrors={extraErrors}
          formContext={formContext}
        />
      </FoldsContext.Provider>
    );
  }

  const sectionProps = (key: string): SectionProps => ({
    name: key,
    schema: sections.get(key)!,
    value: formData[key],
    errors: ((errors?.schema ?? extraErrors) as Record<string, ErrorSchema> | undefined)?.[key],
    onKeyChange,
    onKeyAction,
    disabled,
    collapsed: collapsed.has(key),
    historyHref: historyOf?.(key),
    ...(keyStates && stateOf(key, formData[key], keyStates)),
  });
  return (
    <FoldsContext.Provider value={folds}>
      <div className="sb-form space-y-5">
        {errors && (
          <ErrorSummary errors={errors.list} onJump={(property) => jumpTo(topKeyOf(property), fieldIdOf(property))} />
        )}
        {allKeys.length > 1 && (
          <div className="flex flex-wrap items-end gap-3">
            <div className="min-w-56 flex-1">
              <label htmlFor="field-search" className="block text-sm font-medium">
                Find a field
              </label>
              <input
                id="field-search"
                ref={findBox}
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
          keys.map((key) => (
            <div key={key} className="[contain-intrinsic-size:auto_6rem] [content-visibility:auto]">
              <Section {...sectionProps(key)} />
            </div>
          ))
        )}
        {keys.length === 0 && <p className="text-sm">No field matches “{query}”.</p>}
      </div>
    </FoldsContext.Provider>
  );
}

/** `.business_hours.weekday_close` → `business_hours`: each error belongs to a top-level key's section. */
const topKeyOf = (property?: string) => errorPath(property)[0] ?? '';

/** The key's state as primitives, so a memoised section re-renders only when its own state changes. */
function stateOf(key: string, value: unknown, { stored, initial, server }: NonNullable<Props['keyStates']>) {
  const storedValue = stored[key];
  const edited = !jsonEqual(initial[key], value);
  return {
    stored: !(key in stored) ? 'absent' : storedValue === null ? 'null' : 'value',
    edited,
    emptied: edited && value === undefined && storedValue !== undefined,
    isNull: value === null,
    changedOnServer: !jsonEqual(server[key], storedValue),
    collapsible: typeof (value ?? initial[key]) === 'object' && (value ?? initial[key]) !== null,
  } satisfies Omit<KeyState, 'nullable'>;
}

type SectionProps = {
  name: string;
  schema: JsonObject;
  value: unknown;
  errors?: ErrorSchema;
  onKeyChange: (key: string, value: unknown) => void;
  onKeyAction: (key: string, action: 'undo' | 'null' | 'toggle') => void;
  disabled?: boolean;
  collapsed: boolean;
  historyHref?: string;
} & Partial<Omit<KeyState, 'nullable'>>;

/** One top-level key as its own small form; re-renders only when its own value, schema, state or errors change. */
const Section = memo(function Section({
  name,
  schema,
  value,
  errors,
  onKeyChange,
  onKeyAction,
  disabled,
  collapsed,
  historyHref,
  ...state
}: SectionProps) {
  const formData = useMemo(() => (value === undefined ? {} : { [name]: value }), [name, value]);
  const extraErrors = useMemo(
    () => (errors ? ({ [name]: errors } as ErrorSchema<JsonObject>) : undefined),
    [name, errors],
  );
  const nullable = useMemo(() => state.stored !== undefined && acceptsNull(schema, name), [name, schema, state.stored]);
  const transformErrors = useMemo(() => plainErrors(schema), [schema]);
  return (
    <div>
      {state.stored !== undefined && (
        <KeyStateBar
          name={name}
          state={{ ...(state as Omit<KeyState, 'nullable'>), nullable }}
          collapsed={collapsed}
          onAction={onKeyAction}
          historyHref={historyHref}
        />
      )}
      {collapsed ? (
        <CollapsedNote
          title={String((schema.properties as Record<string, { title?: unknown }>)[name]?.title ?? name)}
        />
      ) : (
        <Form<JsonObject, RJSFSchema>
          {...baseFormProps}
          tagName="div"
          schema={schema as RJSFSchema}
          formData={formData}
          disabled={disabled}
          extraErrors={extraErrors}
          showErrorList={false}
          // A mistake is shown once the field is left, not only on Save; in words (see plain-errors.ts).
          liveValidate="onBlur"
          transformErrors={transformErrors}
          onChange={(event: IChangeEvent<JsonObject>) => onKeyChange(name, event.formData?.[name])}
        />
      )}
    </div>
  );
});
