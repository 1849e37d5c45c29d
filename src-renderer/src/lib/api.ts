import type { HostClient, HostMethod, WireMessage } from '../../../src-main/shared/contract'
import type { Snapshot } from '../../../src-main/shared/dto'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    drydock?: HostClient
  }
}

export type ConnectionState = 'connecting' | 'open' | 'lost'

/**
 * The only file that knows about transports: the Electron preload's functions
 * when present, otherwise a WebSocket to the page's own host (browser mode). The
 * rest of the renderer sees one `HostClient`.
 */
function webSocketClient(onConnection: (state: ConnectionState) => void): HostClient {
  const listeners = new Set<(snapshot: Snapshot) => void>()
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let nextId = 1
  let socket: WebSocket
  let opened: Promise<void>

  const connect = (): void => {
    onConnection('connecting')
    socket = new WebSocket(
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`,
    )
    opened = new Promise((resolve) =>
      socket.addEventListener('open', () => resolve(), { once: true }),
    )
    socket.addEventListener('open', () => onConnection('open'))
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as WireMessage
      if ('event' in message) {
        if (message.event === 'snapshot') for (const l of listeners) l(message.payload as Snapshot)
        return
      }
      const waiter = pending.get(message.id)
      if (!waiter) return
      pending.delete(message.id)
      if ('error' in message) waiter.reject(new Error(message.error))
      else waiter.resolve(message.result)
    })
    socket.addEventListener('close', () => {
      onConnection('lost')
      for (const waiter of pending.values()) waiter.reject(new Error('connection to Drydock lost'))
      pending.clear()
      setTimeout(connect, 1000)
    })
  }
  connect()

  const call = async <T>(method: HostMethod, params?: unknown): Promise<T> => {
    await opened
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      socket.send(JSON.stringify({ id, method, params }))
    })
  }

  return {
    getSnapshot: () => call('getSnapshot'),
    openRepository: (request) => call('openRepository', request),
    setSpeed: (request) => call('setSpeed', request),
    applyFault: (request) => call('applyFault', request),
    addTraffic: (request) => call('addTraffic', request),
    stopTraffic: (request) => call('stopTraffic', request),
    syncApp: (request) => call('syncApp', request),
    setSyncPolicy: (request) => call('setSyncPolicy', request),
    rollback: (request) => call('rollback', request),
    revertCommit: (request) => call('revertCommit', request),
    kubectl: (request) => call('kubectl', request),
    onSnapshot: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** Electron wraps an error thrown in the host: `Error invoking remote method 'drydock:applyFault': Error: …`. */
const ELECTRON_WRAPPING = /^Error invoking remote method '[^']*': (?:\w*Error: )?/

/** The preload's functions, with the host's own error messages. */
function ipcClient(preload: HostClient): HostClient {
  const unwrap = <T>(call: Promise<T>): Promise<T> =>
    call.catch((e: unknown) => {
      throw new Error(String(e instanceof Error ? e.message : e).replace(ELECTRON_WRAPPING, ''))
    })
  return {
    getSnapshot: () => unwrap(preload.getSnapshot()),
    openRepository: (request) => unwrap(preload.openRepository(request)),
    setSpeed: (request) => unwrap(preload.setSpeed(request)),
    applyFault: (request) => unwrap(preload.applyFault(request)),
    addTraffic: (request) => unwrap(preload.addTraffic(request)),
    stopTraffic: (request) => unwrap(preload.stopTraffic(request)),
    syncApp: (request) => unwrap(preload.syncApp(request)),
    setSyncPolicy: (request) => unwrap(preload.setSyncPolicy(request)),
    rollback: (request) => unwrap(preload.rollback(request)),
    revertCommit: (request) => unwrap(preload.revertCommit(request)),
    kubectl: (request) => unwrap(preload.kubectl(request)),
    onSnapshot: (listener) => preload.onSnapshot(listener),
  }
}

export function connectToHost(onConnection: (state: ConnectionState) => void): HostClient {
  if (window.drydock) {
    onConnection('open')
    return ipcClient(window.drydock)
  }
  return webSocketClient(onConnection)
}
