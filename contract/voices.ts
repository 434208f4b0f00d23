/**
 * The emulator's stand-in for PolyAI's "TTS probe": a voice is accepted when its name is a Google TTS voice name,
 * `<language>-<REGION>-<family>-<variant>`, and its TTS language is that locale prefix.
 */
const VOICE = /^([a-z]{2,3}-[A-Z]{2})-[A-Za-z0-9]+(-[A-Za-z0-9]+)+$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export function ttsLangCodeOf(voiceName: string): string | undefined {
  return VOICE.exec(voiceName)?.[1];
}

export const isLanguageCode = (code: string) => LANGUAGE.test(code);
