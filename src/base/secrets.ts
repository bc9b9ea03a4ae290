/**
 * The secrets this run knows. Each is masked (core.setSecret) the moment it is read, and remembered
 * so that text the action writes itself (the job summary, a quoted answer) can have it replaced by
 * `***` before that text is escaped or shortened: escaping can split a secret (`a\_b` is not `a_b`)
 * and shortening can cut one, and the runner's masking only finds a secret whole.
 */
export class Secrets {
  private readonly known = new Set<string>()

  constructor(private readonly mask: (secret: string) => void) {}

  /** Masks `secret` for the runner and remembers it. */
  add(secret: string): void {
    if (!secret) return
    this.mask(secret)
    this.known.add(secret)
  }

  /** `text` with every known secret replaced by `***`, longest first (one may contain another). */
  redact(text: string): string {
    let result = text
    for (const secret of [...this.known].sort((a, b) => b.length - a.length))
      result = result.split(secret).join('***')
    return result
  }
}
