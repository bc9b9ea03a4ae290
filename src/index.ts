/**
 * The action's entry point. It calls run() unconditionally: a `require.main === module` guard
 * would silently do nothing inside the ncc ES module bundle.
 */
import { run } from './main.js'

await run()
