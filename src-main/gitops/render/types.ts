import type { DesiredObject, ManifestProblem } from '../manifest/types'
import type { GitSource, ManifestTools, TreeFile } from '../ports'
import type { ParseCache } from './parse-cache'

/** How the app's folder is rendered, in Argo CD's words for an application's source type. */
export type SourceType = 'Directory' | 'Kustomize' | 'Helm'

export interface RenderResult {
  sourceType: SourceType
  objects: DesiredObject[]
  problems: ManifestProblem[]
  notes: string[]
}

export interface HelmOptions {
  /** The release name `helm template` is given; the app's name, else the chart's. */
  releaseName?: string
  /** Extra values files, relative to the chart folder as Argo CD takes them, after values.yaml. */
  valueFiles?: string[]
}

export interface RenderOptions {
  /** The app's folder inside the repository ('' for the root). */
  path: string
  /** The namespace Helm renders into (`--namespace`). */
  namespace: string
  /** The app's name, which is also the Helm release name unless `helm.releaseName` says otherwise. */
  name?: string
  helm?: HelmOptions
  /** The real kubectl and helm; without them a Kustomize or Helm folder is a problem. */
  tools?: ManifestTools
  /** Parsed files kept between renders of the same app. */
  cache?: ParseCache
}

/** What every renderer is given: the commit and the files under the app's path. */
export interface RenderContext {
  source: GitSource
  sha: string
  files: TreeFile[]
  options: RenderOptions
}
