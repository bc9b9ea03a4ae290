/** Jest global setup: a Node 24 for the tests that run the bundle (the running node when it is one). */
import { ensureNode24 } from './node24/install.js'

export default function globalSetup() {
  ensureNode24()
}
