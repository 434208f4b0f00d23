/** The console's one rjsf wrapper: theme, validator and error behaviour in one place; features pass data in. */
import { useMemo, type Ref } from 'react';
import Form from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import { createSchemaUtils, type ErrorSchema, type RJSFSchema, type UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { mainThreadRegExp } from '../../../contract/pattern-engine.ts';
import { CONFIG_AJV_OPTIONS, CONFIG_FORMATS } from '../../../contract/validation-options.ts';
import { BaseInputTemplate } from './base-input.tsx';
import { plainErrors } from './plain-errors.ts';
import { fieldIdOf, focusField } from './field-focus.ts';
import { ButtonTemplates } from './buttons.tsx';
import {
  ArrayFieldItemTemplate,
  ArrayFieldTemplate,
  DescriptionFieldTemplate,
  ErrorListTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  FieldTemplate,
  ObjectFieldTemplate,
  TitleFieldTemplate,
} from './templates.tsx';
import './schema-form.css';

/**
 * The form checks values as the server does (same options and formats; ajv-formats is rjsf's default too), on this
 * thread: patterns on RE2, so none can freeze the tab; one that needs backtracking is left to the check worker,
 * which runs before a save is reviewed (see the config editor).
 */
export const formValidator = customizeValidator<JsonObject>({
  ajvOptionsOverrides: { ...CONFIG_AJV_OPTIONS, code: { regExp: mainThreadRegExp } },
  customFormats: CONFIG_FORMATS,
});
export type SchemaFormHandle = Form<JsonObject, RJSFSchema>;

export const templates = {
  ArrayFieldItemTemplate,
  ArrayFieldTemplate,
  BaseInputTemplate,
  ButtonTemplates,
  DescriptionFieldTemplate,
  ErrorListTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  FieldTemplate,
  ObjectFieldTemplate,
  TitleFieldTemplate,
};

/**
 * What every rjsf form of the console shares: our validator and theme; no browser validation (rjsf marks required
 * inputs `required`, and the browser would then block the submit before ajv's messages are shown) and no console noise
 * on failed validation (rjsf logs "Form validation failed" unless it is given an `onError`).
 */
export const baseFormProps = {
  validator: formValidator,
  templates,
  noHtml5Validate: true,
  onError: () => undefined,
  uiSchema: { 'ui:submitButtonOptions': { norender: true } },
} as const;

type SchemaFormProps = {
  schema: JsonObject;
  formData: JsonObject;
  onChange: (formData: JsonObject) => void;
  formRef?: Ref<SchemaFormHandle>;
  disabled?: boolean;
  uiSchema?: UiSchema;
  extraErrors?: ErrorSchema<JsonObject>;
  /** Reaches every template (the config editor passes each top-level key's state through it). */
  formContext?: object;
};

export function SchemaForm({
  schema,
  formData,
  onChange,
  formRef,
  disabled,
  uiSchema,
  extraErrors,
  formContext,
}: SchemaFormProps) {
  const transformErrors = useMemo(() => plainErrors(schema), [schema]);
  return (
    <Form<JsonObject, RJSFSchema>
      {...baseFormProps}
      ref={formRef}
      className="sb-form"
      schema={schema as RJSFSchema}
      uiSchema={{ ...baseFormProps.uiSchema, ...uiSchema }}
      formData={formData}
      disabled={disabled}
      extraErrors={extraErrors}
      formContext={formContext}
      onChange={(event: IChangeEvent<JsonObject>) => onChange(event.formData ?? {})}
      // After the errors are drawn: a folded group opens for its error only then.
      focusOnFirstError={(error) => focusField(fieldIdOf(error.property))}
      showErrorList="top"
      // A mistake is shown once the field is left, not only on Save; in words (see plain-errors.ts).
      liveValidate="onBlur"
      transformErrors={transformErrors}
    />
  );
}

/**
 * The values the form shows for `variables`: rjsf fills in schema defaults. Comparing edits against this (not the raw
 * variables) is what keeps untouched defaults out of a save.
 */
export function withSchemaDefaults(schema: JsonObject | undefined, variables: JsonObject): JsonObject {
  if (!schema) return variables;
  try {
    const utils = createSchemaUtils(formValidator, schema as RJSFSchema);
    return (utils.getDefaultFormState(schema as RJSFSchema, variables) ?? {}) as JsonObject;
  } catch {
    // A schema rjsf cannot resolve: no defaults, the values as stored (the editor falls back to its JSON view).
    return variables;
  }
}
