/** Turning an edit of a connector's variant, ASR language and voice into the PATCH body that sends only what changed. */
import type { Connector, UpdateConnectorBody } from '../../../contract/agents-api.ts';
import { ttsLangCodeOf } from '../../../contract/voices.ts';

export type ConnectorEdit = { variantId?: string; asrLangCode?: string; voiceName?: string };

export const EDIT_LABELS: Record<keyof ConnectorEdit, string> = { variantId: 'Variant', asrLangCode: 'ASR language', voiceName: 'Voice' };

/** Only fields that differ from the connector. An emptied variant unassigns it (`null`, read back as ""). */
export function connectorPatch(connector: Connector, edit: ConnectorEdit): UpdateConnectorBody {
  const body: UpdateConnectorBody = {};
  if (edit.variantId !== undefined && edit.variantId.trim() !== connector.variantId) body.variantId = edit.variantId.trim() || null;
  if (edit.asrLangCode !== undefined && edit.asrLangCode.trim() !== connector.asrLangCode) body.asrLangCode = edit.asrLangCode.trim();
  if (edit.voiceName !== undefined && edit.voiceName.trim() !== connector.voiceName) body.voiceName = edit.voiceName.trim();
  return body;
}

/** Old → new per changed field, as a person reads it; the TTS language follows the voice. */
export function describePatch(connector: Connector, body: UpdateConnectorBody): { field: string; before: string; after: string }[] {
  const lines: { field: string; before: string; after: string }[] = [];
  if ('variantId' in body) lines.push({ field: 'Variant', before: connector.variantId || 'unassigned', after: body.variantId || 'unassigned' });
  if (body.asrLangCode !== undefined) lines.push({ field: 'ASR language', before: connector.asrLangCode, after: body.asrLangCode });
  if (body.voiceName !== undefined) {
    lines.push({ field: 'Voice', before: connector.voiceName, after: body.voiceName });
    const tts = ttsLangCodeOf(body.voiceName);
    if (tts !== connector.ttsLangCode) lines.push({ field: 'TTS language (follows the voice)', before: connector.ttsLangCode, after: tts ?? 'unknown: not a voice name' });
  }
  return lines;
}
