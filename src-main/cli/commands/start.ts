import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { ensureDemoRepository } from '../../host/course'
import { UsageError, intOption, parse } from '../args'
import { buildIsStale, electronMain, projectRoot } from '../project'
import { runBrowserMode } from './serve'

/**
 * The Electron binary, or why there is none. Read from the package's own
 * `path.txt` rather than `require('electron')`, which would try to download the
 * binary on the spot.
 */
function findElectron(): { binary: string } | { missing: string } {
  let packageDir: string
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = path.join(packageDir, 'path.txt')
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist')
  const binary = relative ? path.join(distDir, relative) : undefined
  if (binary && fs.existsSync(binary)) return { binary }
  return {
    missing:
      'its binary was not downloaded, as after an install with ELECTRON_SKIP_BINARY_DOWNLOAD=1',
  }
}

async function build(): Promise<void> {
  console.log('Building the app (electron-vite build)…')
  const { build: electronViteBuild } = await import('electron-vite')
  await electronViteBuild({ root: projectRoot, logLevel: 'warn' })
}

/**
 * `npm start`: build if the sources are newer than the build, then open the
 * Electron window; where the Electron binary is missing, say why and serve the
 * same app in browser mode instead.
 */
export async function startCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    port: { type: 'string', short: 'p' },
    browser: { type: 'boolean' },
  })
  if (positionals.length > 1) throw new UsageError('start takes at most one repository path')
  if (buildIsStale()) await build()
  const repo = positionals[0]
    ? path.resolve(positionals[0])
    : await ensureDemoRepository(projectRoot, Date.now())
  const electron = values.browser ? { missing: '--browser was given' } : findElectron()
  if ('missing' in electron) {
    console.log(`Electron cannot start here (${electron.missing}): starting browser mode instead.`)
    return runBrowserMode(repo, intOption(values.port, 'port'))
  }
  const child = spawn(electron.binary, [electronMain, '--repo', repo], { stdio: 'inherit' })
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)))
}
