import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder holding package.json, repos/ and out/. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export const rendererDir = path.join(projectRoot, 'out', 'renderer')
export const electronMain = path.join(projectRoot, 'out', 'main', 'index.js')

function newestMtimeMs(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

/** True when out/ is missing or older than any source file or the build config. */
export function buildIsStale(): boolean {
  const marker = path.join(rendererDir, 'index.html')
  if (!fs.existsSync(marker) || !fs.existsSync(electronMain)) return true
  const built = fs.statSync(marker).mtimeMs
  const sources = Math.max(
    newestMtimeMs(path.join(projectRoot, 'src-main')),
    newestMtimeMs(path.join(projectRoot, 'src-renderer')),
    fs.statSync(path.join(projectRoot, 'electron.vite.config.ts')).mtimeMs,
  )
  return sources > built
}
