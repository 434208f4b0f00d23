import type { JsonObject } from '../../../contract/agents-api.ts';
import { diffTopLevel, type TopLevelDiff } from '../../lib/changed-keys.ts';
import { withoutUntouchedDefaults } from './untouched-defaults.ts';

/**
 * What a save sends: each top-level key the user changed (compared with what the form first showed, defaults
 * included, so untouched defaults stay out), and inside a changed object no default nobody chose.
 */
export function savePatchOf(
  schema: JsonObject | undefined,
  stored: JsonObject,
  shown: JsonObject,
  draft: JsonObject,
): TopLevelDiff {
  const changes = diffTopLevel(shown, draft);
  const properties = (schema?.properties ?? {}) as JsonObject;
  for (const key of changes.changedKeys) {
    changes.patch[key] = withoutUntouchedDefaults(
      properties[key],
      stored[key],
      shown[key],
      changes.patch[key],
    ) as JsonObject[string];
  }
  return changes;
}
