import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, Menu, app, dialog } from 'electron'
import { ensureDemoRepository } from '../host/course'
import { dataDir } from '../host/data-dir'
import { HostService } from '../host/host-service'
import { serveHostOverIpc } from './ipc'

const here = path.dirname(fileURLToPath(import.meta.url))

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function createWindow(host: HostService): Promise<void> {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    title: 'Drydock',
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  })
  const stop = serveHostOverIpc(host, window)
  window.on('closed', stop)
  // Navigation away from the app, or new windows, are never what the user meant.
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      {
        label: 'File',
        submenu: [
          {
            label: 'Open Repository…',
            accelerator: 'CmdOrCtrl+O',
            click: async () => {
              const result = await dialog.showOpenDialog(window, { properties: ['openDirectory'] })
              if (!result.canceled && result.filePaths[0])
                await host.openRepository({ path: result.filePaths[0] })
            },
          },
          { role: 'quit' },
        ],
      },
      { role: 'viewMenu' },
    ]),
  )
  const devUrl = process.env.ELECTRON_RENDERER_URL
  if (!app.isPackaged && devUrl) await window.loadURL(devUrl)
  else await window.loadFile(path.join(here, '../renderer/index.html'))
}

app.whenReady().then(async () => {
  // The same folder as browser mode and the drydock command use, so they share each app's history.
  const host = new HostService({ dataDir: dataDir() })
  const repo = argValue('--repo') ?? (await ensureDemoRepository(app.getAppPath(), Date.now()))
  await host.openRepository({ path: repo })
  await createWindow(host)
  app.on('window-all-closed', () => {
    host.close()
    app.quit()
  })
})
