import { ipcMain, type BrowserWindow } from 'electron'
import { hostMethods, validateRequest, type HostApi } from '../shared/contract'
import type { Snapshot } from '../shared/dto'

/**
 * Serves the host API to one window over IPC: only that window's frames may call,
 * and every payload is validated before the host sees it.
 */
export function serveHostOverIpc(
  host: HostApi & { onSnapshot(listener: (s: Snapshot) => void): () => void },
  window: BrowserWindow,
): () => void {
  for (const method of hostMethods) {
    ipcMain.handle(`drydock:${method}`, async (event, params: unknown) => {
      if (event.sender !== window.webContents)
        throw new Error('drydock: request from an unknown window')
      const problem = validateRequest(method, params)
      if (problem) throw new Error(problem)
      return (host[method] as (p: unknown) => Promise<unknown>).call(host, params)
    })
  }
  const unsubscribe = host.onSnapshot((snapshot) => {
    if (!window.isDestroyed()) window.webContents.send('drydock:snapshot', snapshot)
  })
  return () => {
    unsubscribe()
    for (const method of hostMethods) ipcMain.removeHandler(`drydock:${method}`)
  }
}
