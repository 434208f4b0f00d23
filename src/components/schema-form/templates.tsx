/**
 * The console's rjsf theme: structure and look for labels, help, errors, nested objects and arrays.
 * Everything that comes from a schema (titles, descriptions) is rendered as plain text, never as markup.
 */
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
  type FieldErrorProps,
  type FieldHelpProps,
  type FieldTemplateProps,
  type ObjectFieldTemplateProps,
  type TitleFieldProps,
} from '@rjsf/utils';
import { fieldIdOf, focusField } from './field-focus.ts';
import { CollapsedNote, KeyStateBar, type KeyStateContext } from './key-state-bar.tsx';

const isRoot = (id: string) => id === 'root';

export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, errors, help, description, hidden, required, displayLabel, rawErrors = [], registry, uiSchema, fieldPathId } = props;
  const uiOptions = getUiOptions(uiSchema);
  const { WrapIfAdditionalTemplate } = registry.templates;
  if (hidden) return <div className="hidden">{children}</div>;
  const isCheckbox = uiOptions.widget === 'checkbox' || props.schema.type === 'boolean';
  // A top-level key of a one-form page: its state bar (not set, null, edited…), and it may be collapsed.
  const keys = registry.formContext as Partial<KeyStateContext> | undefined;
  const key = fieldPathId.path.length === 1 ? String(fieldPathId.path[0]) : undefined;
  const state = key === undefined ? undefined : keys?.states?.[key];
  const collapsed = state !== undefined && !!keys?.collapsed?.includes(key!);
  return (
    <WrapIfAdditionalTemplate {...props}>
      {state && <KeyStateBar name={key!} state={state} collapsed={collapsed} onAction={keys!.onKeyAction!} />}
      {collapsed ? (
        <CollapsedNote title={label || key!} />
      ) : (
        <div className={`sb-field space-y-1.5 ${rawErrors.length > 0 ? 'sb-field-invalid' : ''}`} data-field={id}>
          {displayLabel && !isCheckbox && (
            <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              {label}
              {required && <RequiredMark />}
            </label>
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

export function RequiredMark() {
  return (
    <span className="ml-0.5 text-red-600 dark:text-red-400" title="required">
      *<span className="sr-only"> (required)</span>
    </span>
  );
}

export function TitleFieldTemplate({ id, title, required }: TitleFieldProps) {
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
export function ErrorSummary({ errors, onJump }: { errors: ErrorListProps['errors']; onJump?: (property: string | undefined) => void }) {
  const jump = onJump ?? ((property) => focusField(fieldIdOf(property)));
  return (
    <div role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/40">
      <p className="font-semibold text-red-800 dark:text-red-200">
        {errors.length === 1 ? '1 field needs attention' : `${errors.length} fields need attention`}
      </p>
      <ul className="mt-1 list-inside list-disc text-red-700 dark:text-red-300">
        {errors.map((error, i) => (
          <li key={i}>
            <button type="button" className="text-left underline decoration-red-300 underline-offset-2 hover:decoration-red-700" onClick={() => jump(error.property)}>
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
  const { description, disabled, formData, fieldPathId, onAddProperty, properties, readonly, registry, required, schema, title, uiSchema } = props;
  const { AddButton } = registry.templates.ButtonTemplates;
  const root = isRoot(fieldPathId.$id);
  if ((schema.oneOf || schema.anyOf) && !schema.properties && properties.length === 0) return null;
  const content = (
    <>
      {title && !root && (
        <TitleFieldTemplate id={titleId(fieldPathId)} title={title} required={required} schema={schema} uiSchema={uiSchema} registry={registry} />
      )}
      {description && !root && (
        <DescriptionFieldTemplate id={descriptionId(fieldPathId)} description={description} schema={schema} uiSchema={uiSchema} registry={registry} />
      )}
      {properties.map((prop) => prop.content)}
      {canExpand(schema, uiSchema, formData) && (
        <AddButton id={buttonId(fieldPathId, 'add')} onClick={onAddProperty} disabled={disabled || readonly} uiSchema={uiSchema} registry={registry} />
      )}
    </>
  );
  // The root needs no group of its own (the page is the group), and a page of per-key forms has many roots.
  if (root) return <div className="space-y-5">{content}</div>;
  return (
    <fieldset id={fieldPathId.$id} className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      {content}
    </fieldset>
  );
}

export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, disabled, fieldPathId, items, onAddClick, readonly, registry, required, schema, title, uiSchema } = props;
  const options = getUiOptions(uiSchema);
  const { AddButton } = registry.templates.ButtonTemplates;
  const heading = options.title || title;
  return (
    <fieldset id={fieldPathId.$id} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      {heading && <TitleFieldTemplate id={titleId(fieldPathId)} title={heading} required={required} schema={schema} uiSchema={uiSchema} registry={registry} />}
      {schema.description && (
        <DescriptionFieldTemplate id={descriptionId(fieldPathId)} description={options.description || schema.description} schema={schema} uiSchema={uiSchema} registry={registry} />
      )}
      {items.length === 0 && <p className="text-sm italic text-slate-500 dark:text-slate-400">No items.</p>}
      <ol className="space-y-3">{items}</ol>
      {canAdd && (
        <AddButton id={buttonId(fieldPathId, 'add')} onClick={onAddClick} disabled={disabled || readonly} uiSchema={uiSchema} registry={registry} />
      )}
    </fieldset>
  );
}

export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, index, registry } = props;
  const { ArrayFieldItemButtonsTemplate } = registry.templates;
  return (
    <li className="flex items-start gap-3 rounded-md bg-slate-50 p-3 dark:bg-slate-800/50" aria-label={`Item ${index + 1}`}>
      <div className="min-w-0 flex-1">{children}</div>
      {hasToolbar && (
        <div className="flex shrink-0 gap-1 pt-6">
          <ArrayFieldItemButtonsTemplate {...buttonsProps} />
        </div>
      )}
    </li>
  );
}
