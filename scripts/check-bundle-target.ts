/** Issue 9's budget for the overview route's initial JavaScript (gzip), shared by the npm test check and the bench. */
export const OVERVIEW_TARGET_KB = 110;
