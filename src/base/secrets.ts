/**
 * The secrets this run knows. Each is masked (core.setSecret) the moment it is read, in every form
 * a server may echo it in (as given, URL-encoded, base64: the runner masks only exact strings),
 * and remembered so that text the action writes itself (the job summary, a quoted answer, the
 * outputs) can have each form replaced by `***` before that text is escaped or shortened: escaping
 * can split a secret (`a\_b` is not `a_b`) and shortening can cut one, and the runner's masking
 * only finds a secret whole.
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
