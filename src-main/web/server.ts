import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  validateRequest,
  type HostApi,
  type WireMessage,
  type WireRequest,
} from '../shared/contract'
import type { Snapshot } from '../shared/dto'
import { serveStatic } from './static-files'

export interface WebServerOptions {
  host: HostApi & { onSnapshot(listener: (s: Snapshot) => void): () => void }
  rendererDir: string
  port: number
  /** When the port is taken, take any free one instead of failing. */
  fallbackToAnyPort?: boolean
}

export interface RunningServer {
  url: string
  close(): Promise<void>
}

const LOOPBACK = '127.0.0.1'

/**
 * Browser mode: the built renderer over HTTP and the host API over a WebSocket at
 * `/api`, on the loopback interface only. Pages from other origins cannot connect.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningServer> {
  const server = http.createServer((req, res) => serveStatic(options.rendererDir, req, res))
  const port = await listen(server, options.port, options.fallbackToAnyPort ?? false)
  const origin = `http://${LOOPBACK}:${port}`
  const allowedOrigins = new Set([origin, `http://localhost:${port}`])
  const wss = new WebSocketServer({
    server,
    path: '/api',
    verifyClient: ({ origin: from }: { origin?: string }) =>
      from === undefined || allowedOrigins.has(from),
  })
  wss.on('connection', (socket) => connect(socket, options.host))
  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close()
        server.close(() => resolve())
        // A connection the browser opened ahead of a request it never sent would
        // otherwise hold the close until the headers timeout (60 s).
        server.closeAllConnections()
      }),
  }
}

function listen(server: http.Server, port: number, fallback: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      if (e.code === 'EADDRINUSE' && fallback && port !== 0) {
        server.off('error', onError)
        resolve(listen(server, 0, false))
      } else {
        reject(new Error(`cannot listen on ${LOOPBACK}:${port}: ${e.message}`))
      }
    }
    server.once('error', onError)
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function connect(socket: WebSocket, host: WebServerOptions['host']): void {
  const send = (message: WireMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
  }
  const unsubscribe = host.onSnapshot((payload) => send({ event: 'snapshot', payload }))
  socket.on('close', unsubscribe)
  socket.on('message', async (data) => {
    let request: WireRequest
    try {
      request = JSON.parse(String(data)) as WireRequest
    } catch {
      return
    }
    if (typeof request?.id !== 'number') return
    const problem = validateRequest(request.method, request.params)
    if (problem) return send({ id: request.id, error: problem })
    try {
      const method = host[request.method] as (params: unknown) => Promise<unknown>
      send({ id: request.id, result: await method.call(host, request.params) })
    } catch (e) {
      send({ id: request.id, error: e instanceof Error ? e.message : String(e) })
    }
  })
  void host.getSnapshot().then((payload) => send({ event: 'snapshot', payload }))
}
