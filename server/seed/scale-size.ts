/** How large the benchmark agent is (shared by the scale seed and the benchmark anchor page). */
export const SCALE = { variables: 2_000, connectors: 10_000, phoneNumbers: 20_000 };
