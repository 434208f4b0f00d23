/** `GET /api/runtime`: where this server gets its data, so the console can say so on every page. */
export type Runtime =
  | { mode: 'emulator' }
  | {
      mode: 'proxy';
      /** Host of PolyAI's API, e.g. api.us.poly.ai. */
      upstream: string;
      region?: string;
      readOnly: boolean;
      /** Measured window in which a writer outside this server could slip between our version check and the write. */
      conditionalWriteRaceWindowMs?: { median: number; max: number; samples: number };
    };
