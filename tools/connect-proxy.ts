/**
 * A CONNECT proxy on 127.0.0.1 for tests: it records every tunnel a client asks for and connects
 * each to one local port (an emulator's TLS listener) instead of the real host, so a client that
 * believes it talks to modelarts.{region}.myhuaweicloud.com through HTTPS_PROXY reaches the emulator.
 */
import * as http from 'node:http'
import * as net from 'node:net'
import type { AddressInfo } from 'node:net'

export interface ConnectProxy {
  url: string
  /** `host:port` of every CONNECT, in order. */
  tunnels: string[]
  close(): Promise<void>
}

export async function startConnectProxy(targetPort: number): Promise<ConnectProxy> {
  const tunnels: string[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((_req, res) => {
    res.writeHead(405).end('this proxy only tunnels (CONNECT)')
  })
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '')
    sockets.add(client)
    const upstream = net.connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    const end = (): void => {
      client.destroy()
      upstream.destroy()
    }
    upstream.on('error', end)
    client.on('error', end)
    upstream.on('close', end)
    client.on('close', end)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}
