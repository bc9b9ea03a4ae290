/** Jest global setup: the Node 24 binary that dist.test.ts runs the bundle with (see tools/node24). */
import { ensureNode24 } from './node24/install.js'

export default function globalSetup() {
  ensureNode24()
}
