import { contextBridge, ipcRenderer } from 'electron'
import type { HostClient } from '../shared/contract'
import type { Snapshot } from '../shared/dto'

/** The host API as named functions; the renderer never sees ipcRenderer itself. */
const api: HostClient = {
  getSnapshot: () => ipcRenderer.invoke('drydock:getSnapshot'),
  openRepository: (request) => ipcRenderer.invoke('drydock:openRepository', request),
  setSpeed: (request) => ipcRenderer.invoke('drydock:setSpeed', request),
  applyFault: (request) => ipcRenderer.invoke('drydock:applyFault', request),
  addTraffic: (request) => ipcRenderer.invoke('drydock:addTraffic', request),
  stopTraffic: (request) => ipcRenderer.invoke('drydock:stopTraffic', request),
  syncApp: (request) => ipcRenderer.invoke('drydock:syncApp', request),
  setSyncPolicy: (request) => ipcRenderer.invoke('drydock:setSyncPolicy', request),
  rollback: (request) => ipcRenderer.invoke('drydock:rollback', request),
  revertCommit: (request) => ipcRenderer.invoke('drydock:revertCommit', request),
  kubectl: (request) => ipcRenderer.invoke('drydock:kubectl', request),
  onSnapshot: (listener) => {
    const handler = (_event: unknown, snapshot: Snapshot): void => listener(snapshot)
    ipcRenderer.on('drydock:snapshot', handler)
    return () => ipcRenderer.removeListener('drydock:snapshot', handler)
  },
}

contextBridge.exposeInMainWorld('drydock', api)
