import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { ensureDemoRepository } from '../../host/course'
import { UsageError, intOption, parse } from '../args'
import { buildIsStale, electronMain, projectRoot } from '../project'
import { runBrowserMode } from './serve'

type ElectronLookup = { binary: string } | { missing: string }

/** The installed binary, read from the package's own `path.txt`. */
function installedBinary(packageDir: string): string | undefined {
  const pathFile = path.join(packageDir, 'path.txt')
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist')
  const binary = relative ? path.join(distDir, relative) : undefined
  return binary && fs.existsSync(binary) ? binary : undefined
}

/**
 * The Electron binary, or why there is none. The electron package downloads its
 * binary on first use, from outside the npm registry; this runs that download
 * once, visibly, unless ELECTRON_SKIP_BINARY_DOWNLOAD says not to, and reports
 * why it failed rather than letting `require('electron')` throw.
 */
function findElectron(): ElectronLookup {
  let packageDir: string
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const present = installedBinary(packageDir)
  if (present) return { binary: present }
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { missing: 'its binary is not downloaded and ELECTRON_SKIP_BINARY_DOWNLOAD is set' }
  }
  console.log("Downloading Electron's binary (once)…")
  const result = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
    encoding: 'utf8',
  })
  const downloaded = installedBinary(packageDir)
  if (downloaded) return { binary: downloaded }
  const why = `${result.stderr ?? ''}${result.stdout ?? ''}`
    .split('\n')
    .find((l) => /error|fail/i.test(l))
    ?.trim()
  return { missing: `its binary could not be downloaded${why ? ` (${why})` : ''}` }
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
