/**
 * Dataverse's debug headers on every answered request (reference 7.6): requests left in the window and
 * execution time left. Dataverse asks clients not to steer by them; they help a person see a limit coming.
 */
export const BURST_REMAINING_HEADER = 'x-ms-ratelimit-burst-remaining-xrm-requests';
export const TIME_REMAINING_HEADER = 'x-ms-ratelimit-time-remaining-xrm-requests';

/**
 * Dataverse writes the execution time left in seconds, grouped, with two decimals: `1,199.46`. By hand
 * rather than with Intl.NumberFormat, which costs as much as the rest of an admission put together.
 */
export function secondsText(ms: number): string {
  const hundredths = Math.round(Math.max(0, ms) / 10);
  const fraction = hundredths % 100;
  let whole = String((hundredths - fraction) / 100);
  for (let comma = whole.length - 3; comma > 0; comma -= 3) whole = `${whole.slice(0, comma)},${whole.slice(comma)}`;
  return `${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}
