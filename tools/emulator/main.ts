/**
 * Runs the emulator alone, for workflows that test `uses: ./` against it:
 *   node .build/scripts/emulator.js [port]     (default 8765; stops on SIGINT/SIGTERM)
 */
import { Emulator, lifecycles } from './server.js'

const port = Number(process.argv[2] ?? 8765)
const emulator = await new Emulator({ lifecycleFor: () => lifecycles.activeAfter(3000) }).start(
  port
)
console.log(`emulator listening on ${emulator.url}`)
const stop = (): void => void emulator.close().then(() => process.exit(0))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
