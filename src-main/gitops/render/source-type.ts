import type { TreeFile } from '../ports'
import { joinPath } from './paths'
import type { SourceType } from './types'

export const CHART_FILE = 'Chart.yaml'

/** The names kustomize looks for, in its order. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']

export function isKustomization(name: string): boolean {
  return KUSTOMIZATION_FILES.includes(name)
}

/**
 * How a folder renders, as Argo CD discovers it: a kustomization makes it
 * Kustomize (which wins over a Chart.yaml beside it, as in Argo CD's discovery),
 * a Chart.yaml a Helm chart, anything else plain manifests. `file` is the file
 * that decided, for problems to name.
 */
export function detectSourceType(
  files: TreeFile[],
  appPath: string,
): { type: SourceType; file?: string } {
  const at = new Set(files.map((f) => f.path))
  const kustomization = KUSTOMIZATION_FILES.map((name) => joinPath(appPath, name)).find((p) =>
    at.has(p),
  )
  if (kustomization) return { type: 'Kustomize', file: kustomization }
  const chart = joinPath(appPath, CHART_FILE)
  if (at.has(chart)) return { type: 'Helm', file: chart }
  return { type: 'Directory' }
}
