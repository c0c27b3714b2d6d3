/** Failures a plain retry can fix (rate limits, outages); for the rest the agent must change something first. */
const RETRIABLE = new Set(['SIM_UNAVAILABLE', 'ADAPTER_ERROR', '130429', '131056', '131000', '131057', 'HTTP_5XX', 'TIMEOUT']);

export function isRetriable(errorCode: string | null): boolean {
  return errorCode !== null && RETRIABLE.has(errorCode);
}
