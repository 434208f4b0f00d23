/** How large the benchmark agent is (shared by the scale seed and the benchmark anchor page). */
export const SCALE = { variables: 2_000, connectors: 10_000, phoneNumbers: 20_000, historyEntries: 100_000 };
/** The compare benchmark: this many keys in each environment, about one in `changeEvery` changed per environment. */
export const COMPARE_SCALE = { variables: 5_000, changeEvery: 25 };
