/**
 * Text from servers and from inputs, made safe to print. A CR or LF in a log line lets whatever
 * follows start a workflow command of its own (`::add-mask::`, `::set-output`, `::error`), so every
 * string a server wrote passes through `serverText` before it reaches a log line, an error, the
 * summary or an output. Bidirectional overrides and isolates go too: they make a line read other
 * than it is.
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
