/**
 * Server and input text made safe to print: no CR/LF (a line could start a workflow command) and
 * no bidirectional overrides or isolates.
 */

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g
// The bidirectional embeddings and overrides (U+202A to U+202E) and isolates (U+2066 to U+2069).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g
// eslint-disable-next-line no-control-regex
const ONE_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

/**
 * A server's string on one line: control characters become one space, bidirectional overrides
 * and isolates are dropped; cut at `max` characters.
 */
export function serverText(value: string, max = 1024): string {
  const flat = value.replace(BIDI, '').replace(CONTROL, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

/** Whether a string holds a control character (an input that cannot be sent in a header). */
export function hasControl(value: string): boolean {
  return ONE_CONTROL.test(value)
}
