/**
 * The benchmark anchor: plain default rjsf (core theme, ajv8 validator, controlled form as its docs show) on the same
 * generated schema and values the console's editor gets from the emulator's scale agent. Not part of the app.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { generatedSchema, generatedVariables } from '../../server/seed/scale-data.ts';
import { SCALE } from '../../server/seed/scale-size.ts';

const schema = generatedSchema(SCALE.variables) as RJSFSchema;
const initial = generatedVariables(SCALE.variables, 0);

function Anchor() {
  const [formData, setFormData] = useState(initial);
  return <Form schema={schema} formData={formData} validator={validator} onChange={(e) => setFormData(e.formData)} />;
}

createRoot(document.getElementById('root')!).render(<Anchor />);
