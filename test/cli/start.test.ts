import { spawn } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { courseRepo } from '../helpers/course'
import { removeDir, tempDir } from '../helpers/git'
import { binPath } from '../helpers/paths'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('drydock start without the Electron binary', () => {
  it('says why, falls back to browser mode, prints the URL and serves the app', async () => {
    const course = await courseRepo('first-deployment', 1)
    const dataDir = tempDir()
    dirs.push(course.dir, dataDir)
    const child = spawn(process.execPath, [binPath, 'start', course.dir, '--port', '0'], {
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', DRYDOCK_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output += String(d)))
    child.stderr.on('data', (d) => (output += String(d)))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 60_000)
        child.stdout.on('data', () => {
          const m = /Drydock is running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
          if (m) {
            clearTimeout(timer)
            resolve(m[1]!)
          }
        })
      })
      expect(output).toContain(
        'Electron cannot start here (its binary is not downloaded and ELECTRON_SKIP_BINARY_DOWNLOAD is set): starting browser mode instead.',
      )
      const page = await fetch(url)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<div id="app"></div>')
      expect((await fetch(`${url}../etc/passwd`)).status).toBe(404)
    } finally {
      child.kill('SIGTERM')
    }
  })
})
