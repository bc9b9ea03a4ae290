/**
 * The run's secrets: masked when read, in every form a server may echo (as given, URL-encoded,
 * base64), and redacted from text the action writes before it is escaped or cut.
 */
export class Secrets {
  private readonly known = new Set<string>()

  constructor(private readonly mask: (secret: string) => void) {}

  /** Masks `secret` and its echoed forms for the runner, and remembers them. */
  add(secret: string): void {
    if (!secret) return
    for (const form of echoedForms(secret)) {
      if (this.known.has(form)) continue
      this.mask(form)
      this.known.add(form)
    }
  }

  /** `text` with every known secret replaced by `***`, longest first (one may contain another). */
  redact(text: string): string {
    let result = text
    for (const secret of [...this.known].sort((a, b) => b.length - a.length))
      result = result.split(secret).join('***')
    return result
  }
}

/** A secret as given, URL-encoded (as in a query or a form), and base64 (as in a Basic header). */
export function echoedForms(secret: string): string[] {
  return [
    ...new Set([secret, encodeURIComponent(secret), Buffer.from(secret, 'utf8').toString('base64')])
  ]
}
