/** Turning an edit of a connector's variant, ASR language and voice into the PATCH body that sends only what changed. */
import type { Connector, UpdateConnectorBody } from '../../../contract/agents-api.ts';
import { isLanguageCode, ttsLangCodeOf } from '../../../contract/voices.ts';
import { languageMismatch } from './health.ts';

export type ConnectorEdit = { variantId?: string; asrLangCode?: string; voiceName?: string };

export const EDIT_LABELS: Record<keyof ConnectorEdit, string> = {
  variantId: 'Variant',
  asrLangCode: 'ASR language',
  voiceName: 'Voice',
};

/** Only fields that differ from the connector. An emptied variant unassigns it (`null`, read back as ""). */
export function connectorPatch(connector: Connector, edit: ConnectorEdit): UpdateConnectorBody {
  const body: UpdateConnectorBody = {};
  if (edit.variantId !== undefined && edit.variantId.trim() !== connector.variantId)
    body.variantId = edit.variantId.trim() || null;
  if (edit.asrLangCode !== undefined && edit.asrLangCode.trim() !== connector.asrLangCode)
    body.asrLangCode = edit.asrLangCode.trim();
  if (edit.voiceName !== undefined && edit.voiceName.trim() !== connector.voiceName)
    body.voiceName = edit.voiceName.trim();
  return body;
}

/** Old → new per changed field, as a person reads it; the TTS language follows the voice. */
export function describePatch(
  connector: Connector,
  body: UpdateConnectorBody,
): { field: string; before: string; after: string }[] {
  const lines: { field: string; before: string; after: string }[] = [];
  if ('variantId' in body)
    lines.push({
      field: 'Variant',
      before: connector.variantId || 'unassigned',
      after: body.variantId || 'unassigned',
    });
  if (body.asrLangCode !== undefined)
    lines.push({ field: 'ASR language', before: connector.asrLangCode, after: body.asrLangCode });
  if (body.voiceName !== undefined) {
    lines.push({ field: 'Voice', before: connector.voiceName, after: body.voiceName });
    const tts = ttsLangCodeOf(body.voiceName);
    if (tts !== connector.ttsLangCode)
      lines.push({
        field: 'TTS language (follows the voice)',
        before: connector.ttsLangCode,
        after: tts ?? 'unknown: not a voice name',
      });
  }
  return lines;
}

/**
 * What to say about a patch before it is sent: `refused` — what the server would refuse (a voice that is not a voice
 * name, an ASR language that is not a language code), so nothing is sent; `warnings` — health problems the change
 * would create (callers recognised in one language and answered in another).
 */
export function patchProblems(
  connector: Connector,
  body: UpdateConnectorBody,
): { refused: string[]; warnings: string[] } {
  const refused: string[] = [];
  const warnings: string[] = [];
  if (body.voiceName !== undefined && !ttsLangCodeOf(body.voiceName))
    refused.push(`“${body.voiceName}” is not a voice name (like en-GB-Neural2-A)`);
  if (body.asrLangCode !== undefined && !isLanguageCode(body.asrLangCode))
    refused.push(`“${body.asrLangCode}” is not a language code (like en-GB)`);
  if (refused.length === 0) {
    const after: Connector = {
      ...connector,
      ...(body.asrLangCode !== undefined && { asrLangCode: body.asrLangCode }),
      ...(body.voiceName !== undefined && {
        voiceName: body.voiceName,
        ttsLangCode: ttsLangCodeOf(body.voiceName) ?? '',
      }),
    };
    if (languageMismatch(after) && !languageMismatch(connector)) {
      warnings.push(
        `callers would be understood in ${after.asrLangCode} and answered in ${after.ttsLangCode} (ASR ≠ voice language)`,
      );
    }
  }
  return { refused, warnings };
}
