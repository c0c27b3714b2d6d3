/**
 * The one-time code that proves, on a fresh install, that whoever fills in /setup can read the server's log. Twelve
 * characters of an alphabet without look-alikes (no 0, O, 1, I, L, nor U), shown in groups of four: about 59 bits, far
 * beyond guessing under the set-up throttle, and easy to copy from a terminal by hand.
 */
export const SETUP_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
export const SETUP_CODE_LENGTH = 12;

/** "ABCDEFGHJKMN" as "ABCD-EFGH-JKMN". */
export function formatSetupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** What someone typed, as it was issued: case, spaces and dashes (of any kind) do not matter. */
export function normalizeSetupCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s\-‐-―]/g, '');
}

/** Whether a normalized code could be one we issued (refused before anything is counted or hashed). */
export function isSetupCodeShape(code: string): boolean {
  return code.length === SETUP_CODE_LENGTH && [...code].every((c) => SETUP_CODE_ALPHABET.includes(c));
}
