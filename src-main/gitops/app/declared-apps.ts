import { parseManifestFile } from '../manifest/parse'
import type { ManifestProblem } from '../manifest/types'
import type { IgnoreDifference } from '../diff/ignore-differences'
import { defaultAppSettings, type AppSettings } from '../engine'

import { APPS_FILE } from './apps-file'

export { APPS_FILE }

const APPLICATION = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' }

/** What a declared app adds to the settings every app has. */
export interface DeclaredApp {
  /** With `helm.valueFiles` from `spec.source.helm`, and `createNamespace` from the sync options. */
  settings: AppSettings
  /** The branch it tracks (`spec.source.targetRevision`); the checked-out branch when absent or HEAD. */
  branch?: string
}

export interface DeclaredApps {
  apps: DeclaredApp[]
  problems: ManifestProblem[]
}

type Json = Record<string, unknown>
const record = (value: unknown): Json | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined

/** A DNS-1123 label, as Argo CD and Kubernetes name things; also what a tracking annotation can carry. */
const APP_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/**
 * Reads `drydock.yaml`: Argo CD `Application` documents, one per app, so what a
 * learner writes here is what Argo CD would take. `spec.source.path`,
 * `targetRevision`, `helm.valueFiles`, `spec.destination.namespace`,
 * `spec.syncPolicy` (`automated.prune`, `automated.selfHeal`,
 * `syncOptions: [CreateNamespace=true]`) and `spec.ignoreDifferences`
 * (`jsonPointers`) are used; `repoURL` and `destination.server` name this
 * repository and the simulated cluster, whatever they say. Without
 * `syncPolicy.automated` an app syncs only when asked, as in Argo CD.
 */
export function readDeclaredApps(text: string): DeclaredApps {
  const parsed = parseManifestFile(APPS_FILE, text)
  const out: DeclaredApps = { apps: [], problems: [...parsed.problems] }
  const names = new Set<string>()
  for (const { object, origin } of parsed.objects) {
    const problem = (message: string): void => {
      out.problems.push({ file: APPS_FILE, line: origin.line, message })
    }
    if (object.apiVersion !== APPLICATION.apiVersion || object.kind !== APPLICATION.kind) {
      problem(
        `${object.kind} "${object.metadata.name}": ${APPS_FILE} declares apps as Argo CD does, with apiVersion: ${APPLICATION.apiVersion} and kind: ${APPLICATION.kind}`,
      )
      continue
    }
    const name = object.metadata.name
    if (!APP_NAME.test(name) || name.length > 63) {
      problem(
        `Application "${name}": metadata.name must be a lowercase RFC 1123 label (letters, digits and '-', at most 63 characters)`,
      )
      continue
    }
    if (names.has(name)) {
      problem(`Application "${name}" is declared twice`)
      continue
    }
    names.add(name)
    const app = readApplication(name, record(object.spec) ?? {}, problem)
    if (app) out.apps.push(app)
  }
  return out
}

function readApplication(
  name: string,
  spec: Json,
  problem: (message: string) => void,
): DeclaredApp | undefined {
  const source = record(spec.source) ?? {}
  const destination = record(spec.destination) ?? {}
  const policy = record(spec.syncPolicy) ?? {}
  const automated = record(policy.automated)
  const path = typeof source.path === 'string' ? source.path.replace(/^\.?\/+|\/+$/g, '') : ''
  if (path.split('/').includes('..')) {
    problem(
      `Application "${name}": spec.source.path "${String(source.path)}" leaves the repository`,
    )
    return undefined
  }
  const ignoreDifferences = readIgnoreDifferences(name, spec.ignoreDifferences, problem)
  if (!ignoreDifferences) return undefined
  const targetRevision = typeof source.targetRevision === 'string' ? source.targetRevision : ''
  const syncOptions = strings(policy.syncOptions) ?? []
  const valueFiles = strings(record(source.helm)?.valueFiles) ?? []
  return {
    settings: {
      ...defaultAppSettings,
      name,
      path: path === '.' ? '' : path,
      namespace:
        typeof destination.namespace === 'string' && destination.namespace !== ''
          ? destination.namespace
          : 'default',
      syncPolicy: {
        automated: automated !== undefined,
        prune: automated?.prune === true,
        selfHeal: automated?.selfHeal === true,
      },
      ignoreDifferences,
      helm: valueFiles.length > 0 ? { valueFiles } : undefined,
      createNamespace: syncOptions.includes('CreateNamespace=true'),
      declared: true,
    },
    branch: targetRevision === '' || targetRevision === 'HEAD' ? undefined : targetRevision,
  }
}

function readIgnoreDifferences(
  name: string,
  value: unknown,
  problem: (message: string) => void,
): IgnoreDifference[] | undefined {
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    problem(`Application "${name}": spec.ignoreDifferences must be a list`)
    return undefined
  }
  const rules: IgnoreDifference[] = []
  for (const [i, item] of value.entries()) {
    const rule = record(item)
    const where = `Application "${name}": spec.ignoreDifferences[${i}]`
    if (!rule || typeof rule.kind !== 'string') {
      problem(`${where}: needs a kind`)
      return undefined
    }
    if (rule.jqPathExpressions !== undefined || rule.managedFieldsManagers !== undefined) {
      problem(
        `${where}: only jsonPointers are supported; write the fields as JSON pointers, e.g. /spec/replicas`,
      )
      return undefined
    }
    const pointers = strings(rule.jsonPointers) ?? []
    const bad = pointers.find((p) => !p.startsWith('/'))
    if (bad !== undefined) {
      problem(`${where}: "${bad}" is not a JSON pointer: start it with /, e.g. /spec/replicas`)
      return undefined
    }
    rules.push({
      group: typeof rule.group === 'string' ? rule.group : '',
      kind: rule.kind,
      name: typeof rule.name === 'string' ? rule.name : undefined,
      namespace: typeof rule.namespace === 'string' ? rule.namespace : undefined,
      jsonPointers: pointers,
    })
  }
  return rules
}
