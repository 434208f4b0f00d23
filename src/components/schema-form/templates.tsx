/**
 * The console's rjsf theme: structure and look for labels, help, errors, nested objects and arrays.
 * Everything that comes from a schema (titles, descriptions) is rendered as plain text, never as markup.
 */
import { useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  buttonId,
  canExpand,
  descriptionId,
  errorId,
  getUiOptions,
  helpId,
  titleId,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  type DescriptionFieldProps,
  type ErrorListProps,
  type ErrorSchema,
  type FieldErrorProps,
  type FieldHelpProps,
  type FieldTemplateProps,
  type FieldPathId,
  type ObjectFieldTemplateProps,
  type TitleFieldProps,
} from '@rjsf/utils';
import { Badge } from '../ui/badge.tsx';
import { fieldIdOf, focusField } from './field-focus.ts';
import { FoldsContext } from './folds.ts';
import { CollapsedNote, KeyStateBar, type KeyStateContext } from './key-state-bar.tsx';
import { plural } from '../../../contract/plural.ts';

const isRoot = (id: string) => id === 'root';

export function FieldTemplate(props: FieldTemplateProps) {
  const {
    id,
    label,
    children,
    errors,
    help,
    description,
    hidden,
    required,
    displayLabel,
    rawErrors = [],
    registry,
    uiSchema,
    fieldPathId,
  } = props;
  const uiOptions = getUiOptions(uiSchema);
  const { WrapIfAdditionalTemplate } = registry.templates;
  if (hidden) return <div className="hidden">{children}</div>;
  const isCheckbox = uiOptions.widget === 'checkbox' || props.schema.type === 'boolean';
  // A top-level key of a one-form page: its state bar (not set, null, edited…), and it may be collapsed.
  const keys = registry.formContext as Partial<KeyStateContext> | undefined;
  const key = fieldPathId.path.length === 1 ? String(fieldPathId.path[0]) : undefined;
  const state = key === undefined ? undefined : keys?.states?.[key];
  const collapsed = state !== undefined && !!keys?.collapsed?.includes(key!);
  const mark = valueMarkOf(fieldPathId, props.formData);
  return (
    <WrapIfAdditionalTemplate {...props}>
      {state && (
        <KeyStateBar
          name={key!}
          state={state}
          collapsed={collapsed}
          onAction={keys!.onKeyAction!}
          historyHref={keys!.historyOf?.(key!)}
        />
      )}
      {collapsed ? (
        <CollapsedNote title={label || key!} />
      ) : (
        <div className={`sb-field space-y-1.5 ${rawErrors.length > 0 ? 'sb-field-invalid' : ''}`} data-field={id}>
          {displayLabel && !isCheckbox ? (
            <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              {label}
              {required && <RequiredMark />}
              {mark && <> {mark}</>}
            </label>
          ) : (
            mark
          )}
          {displayLabel && description}
          {children}
          {errors}
          {help}
        </div>
      )}
    </WrapIfAdditionalTemplate>
  );
}

/**
 * Below the top level (each top-level key has its state bar), what an empty-looking field holds: `null` and `""` look
 * like "not set" in an input. No mark means the value is not there at all.
 */
function valueMarkOf(fieldPathId: FieldPathId, value: unknown): ReactNode {
  if (fieldPathId.path.length < 2) return null;
  if (value === null) return <Badge>null</Badge>;
  if (value === '') return <Badge>empty text</Badge>;
  return null;
}

export function RequiredMark() {
  return (
    <span className="ml-0.5 text-red-600 dark:text-red-400" title="required">
      *<span className="sr-only"> (required)</span>
    </span>
  );
}

export const TitleFieldTemplate = ({ id, title, required }: TitleFieldProps) => (
  <Legend id={id} title={title} required={required} />
);

function Legend({ id, title, required }: { id: string; title: string; required?: boolean }) {
  return (
    <legend id={id} className="text-base font-semibold text-slate-900 dark:text-slate-100">
      {title}
      {required && <RequiredMark />}
    </legend>
  );
}

export function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  if (!description) return null;
  return (
    <p id={id} className="text-sm text-slate-600 dark:text-slate-400">
      {description}
    </p>
  );
}

export function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const shown = errors.filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <ul id={errorId(fieldPathId)} className="space-y-0.5 text-sm text-red-700 dark:text-red-400">
      {shown.map((error, i) => (
        <li key={i}>{error}</li>
      ))}
    </ul>
  );
}

export function FieldHelpTemplate({ help, fieldPathId }: FieldHelpProps) {
  if (!help) return null;
  return (
    <p id={helpId(fieldPathId)} className="text-xs text-slate-500 dark:text-slate-400">
      {help}
    </p>
  );
}

/**
 * The list of everything that failed validation, above the form. Each entry is a button that takes the user to its
 * field; `onJump` lets a virtualised page bring the field on screen first.
 */
export function ErrorSummary({
  errors,
  onJump,
}: {
  errors: ErrorListProps['errors'];
  onJump?: (property: string | undefined) => void;
}) {
  const jump = onJump ?? ((property) => focusField(fieldIdOf(property)));
  return (
    <div
      role="alert"
      className="mb-6 rounded-md border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/40"
    >
      <p className="font-semibold text-red-800 dark:text-red-200">
        {`${plural(errors.length, 'field needs', 'fields need')} attention`}
      </p>
      <ul className="mt-1 list-inside list-disc text-red-700 dark:text-red-300">
        {errors.map((error, i) => (
          <li key={i}>
            <button
              type="button"
              className="text-left underline decoration-red-300 underline-offset-2 hover:decoration-red-700"
              onClick={() => jump(error.property)}
            >
              {error.stack}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const ErrorListTemplate = ({ errors }: ErrorListProps) => <ErrorSummary errors={errors} />;

export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const {
    description,
    disabled,
    errorSchema,
    formData,
    fieldPathId,
    onAddProperty,
    properties,
    readonly,
    registry,
    required,
    schema,
    title,
    uiSchema,
  } = props;
  const { AddButton } = registry.templates.ButtonTemplates;
  if ((schema.oneOf || schema.anyOf) && !schema.properties && properties.length === 0) return null;
  const fields = (
    <>
      {properties.map((prop) => prop.content)}
      {canExpand(schema, uiSchema, formData) && (
        <AddButton
          id={buttonId(fieldPathId, 'add')}
          onClick={onAddProperty}
          disabled={disabled || readonly}
          uiSchema={uiSchema}
          registry={registry}
        />
      )}
    </>
  );
  // The root needs no group of its own (the page is the group), and a page of per-key forms has many roots.
  if (isRoot(fieldPathId.$id)) return <div className="space-y-5">{fields}</div>;
  const shown = properties.filter((prop) => !prop.hidden).length;
  return (
    <Group
      {...{ fieldPathId, errorSchema, required }}
      heading={itemTitleOf(fieldPathId, title, formData)}
      folded={plural(shown, 'field', 'fields')}
      className="space-y-4"
    >
      {description && (
        <DescriptionFieldTemplate
          id={descriptionId(fieldPathId)}
          description={description}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
      )}
      {fields}
    </Group>
  );
}

/**
 * An array item's heading: rjsf calls it "Transfer destinations-1"; it is named after its own content where it has a
 * name-like field ("Front desk"), else "Transfer destinations, item 1".
 */
function itemTitleOf(fieldPathId: FieldPathId, title: string, formData: unknown): string {
  const index = fieldPathId.path.at(-1);
  if (typeof index !== 'number') return title;
  const item = (formData ?? {}) as Record<string, unknown>;
  const named = ['name', 'label', 'title', 'department', 'question']
    .map((key) => item[key])
    .find((value) => typeof value === 'string' && value.trim() !== '');
  if (named) return String(named);
  const list = title.replace(new RegExp(`-${index + 1}$`), '');
  return list ? `${list}, item ${index + 1}` : `Item ${index + 1}`;
}

export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const {
    canAdd,
    disabled,
    errorSchema,
    fieldPathId,
    items,
    onAddClick,
    readonly,
    registry,
    required,
    schema,
    title,
    uiSchema,
  } = props;
  const options = getUiOptions(uiSchema);
  const { AddButton } = registry.templates.ButtonTemplates;
  return (
    <Group
      {...{ fieldPathId, errorSchema, required }}
      heading={options.title || title}
      folded={plural(items.length, 'item', 'items')}
      className="space-y-3"
    >
      {schema.description && (
        <DescriptionFieldTemplate
          id={descriptionId(fieldPathId)}
          description={options.description || schema.description}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
      )}
      {items.length === 0 && <p className="text-sm italic text-slate-500 dark:text-slate-400">No items.</p>}
      <ol className="space-y-3">{items}</ol>
      {canAdd && (
        <AddButton
          id={buttonId(fieldPathId, 'add')}
          onClick={onAddClick}
          disabled={disabled || readonly}
          uiSchema={uiSchema}
          registry={registry}
          title={options.title || title ? `Add to ${options.title || title}` : undefined}
        />
      )}
    </Group>
  );
}

/** A group's fold: the form's (see folds.ts) when there is one, else the group's own. */
function useFold(id: string) {
  const folds = useContext(FoldsContext);
  const [own, setOwn] = useState(false);
  const setFold = useCallback((fold: boolean) => (folds ? folds.setFolded(id, fold) : setOwn(fold)), [folds, id]);
  return { fold: folds ? folds.isFolded(id) : own, setFold };
}

const hasErrors = (errorSchema: unknown): boolean =>
  typeof errorSchema === 'object' &&
  errorSchema !== null &&
  Object.entries(errorSchema).some(([key, child]) =>
    key === '__errors' ? Array.isArray(child) && child.length > 0 : hasErrors(child),
  );

type GroupProps = {
  fieldPathId: FieldPathId;
  heading: string;
  required?: boolean;
  errorSchema?: ErrorSchema;
  /** What is hidden while folded ("3 fields"). */
  folded: string;
  className: string;
  children: ReactNode;
};

/**
 * The frame of an object or an array. Below the top level (top-level keys fold from their state bar), its heading is
 * a button that folds its fields away; an error inside unfolds it, so no error hides.
 */
function Group({
  fieldPathId,
  heading,
  required: requiredProperty,
  errorSchema,
  folded,
  className,
  children,
}: GroupProps) {
  const { fold, setFold } = useFold(fieldPathId.$id);
  // rjsf calls every array item required; only properties are.
  const required = requiredProperty && typeof fieldPathId.path.at(-1) !== 'number';
  const foldable = fieldPathId.path.length >= 2 && heading !== '';
  const erring = hasErrors(errorSchema);
  const open = !foldable || !fold || erring;
  // An error unfolds the group for good: it must not fold away again once the user starts fixing the field.
  useEffect(() => {
    if (fold && erring) setFold(false);
  }, [fold, erring, setFold]);
  return (
    <fieldset
      id={fieldPathId.$id}
      className={`${className} rounded-lg border border-slate-200 p-4 dark:border-slate-700`}
    >
      {foldable ? (
        <legend id={titleId(fieldPathId)}>
          <button
            type="button"
            aria-expanded={open}
            onClick={() => setFold(open)}
            className="rounded text-base font-semibold text-slate-900 hover:text-brand-700 dark:text-slate-100 dark:hover:text-brand-300"
          >
            <span aria-hidden="true" className="mr-1 inline-block w-3 text-slate-500">
              {open ? '▾' : '▸'}
            </span>
            {heading}
            {required && <RequiredMark />}
          </button>
        </legend>
      ) : (
        heading && <Legend id={titleId(fieldPathId)} title={heading} required={required} />
      )}
      {open ? children : <p className="text-sm text-slate-500 dark:text-slate-400">Folded: {folded}.</p>}
    </fieldset>
  );
}

export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, index, registry } = props;
  const { ArrayFieldItemButtonsTemplate } = registry.templates;
  return (
    <li
      className="flex items-start gap-3 rounded-md bg-slate-50 p-3 dark:bg-slate-800/50"
      aria-label={`Item ${index + 1}`}
    >
      <div className="min-w-0 flex-1">{children}</div>
      {hasToolbar && (
        <div className="flex shrink-0 gap-1 pt-6">
          <ArrayFieldItemButtonsTemplate {...buttonsProps} />
        </div>
      )}
    </li>
  );
}
