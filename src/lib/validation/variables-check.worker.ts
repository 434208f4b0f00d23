/// <reference lib="webworker" />
/** Validates variables against their schema off the main thread: a slow or hostile schema never freezes the page. */
import { ConfigValidator } from '../../../contract/config-validation.ts';
import type { CheckRequest, CheckResponse } from './variables-check.ts';

const validator = new ConfigValidator();

self.onmessage = (event: MessageEvent<CheckRequest>) => {
  const { id, schema, variables } = event.data;
  let response: CheckResponse;
  try {
    response = { id, result: validator.checkVariables(schema, variables) };
  } catch (error) {
    response = {
      id,
      result: {
        valid: false,
        errors: [{ path: '', message: `The schema cannot be used: ${(error as Error).message}` }],
      },
    };
  }
  self.postMessage(response);
};
