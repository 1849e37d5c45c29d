import type { SyncPhaseName } from '../../shared/dto'
import type { Manifest } from '../manifest/types'

export type { SyncPhaseName }

export type HookDeletePolicy = 'BeforeHookCreation' | 'HookSucceeded' | 'HookFailed'

export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook'
export const HOOK_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy'
const HELM_HOOK = 'helm.sh/hook'
const HELM_HOOK_DELETE_POLICY = 'helm.sh/hook-delete-policy'

/** What an object's annotations make of it in a sync. */
export type HookRole =
  | { kind: 'resource' }
  | { kind: 'hook'; phases: SyncPhaseName[]; deletePolicies: HookDeletePolicy[] }
  /** `Skip`, or a Helm hook Argo CD does not run (pre-delete, test): never applied. */
  | { kind: 'skipped'; reason: string }

const argoPhases: Record<string, SyncPhaseName | 'Skip'> = {
  PreSync: 'PreSync',
  Sync: 'Sync',
  PostSync: 'PostSync',
  SyncFail: 'SyncFail',
  Skip: 'Skip',
}

/** How Argo CD maps Helm's hooks onto its own (its Helm documentation). */
const helmPhases: Record<string, SyncPhaseName> = {
  'crd-install': 'PreSync',
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
}

const helmDeletePolicies: Record<string, HookDeletePolicy> = {
  'before-hook-creation': 'BeforeHookCreation',
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

/**
 * Reads `argocd.argoproj.io/hook` (or Helm's `helm.sh/hook`, which Argo CD maps)
 * and the delete policy; a hook without one is deleted before it is created
 * again, Argo CD's default.
 */
export function hookRole(obj: Manifest): HookRole {
  let role = roles.get(obj)
  if (!role) roles.set(obj, (role = readHookRole(obj)))
  return role
}

/** Objects are read-only once parsed or stored: each one's role is read once. */
const roles = new WeakMap<Manifest, HookRole>()

function readHookRole(obj: Manifest): HookRole {
  const annotations = obj.metadata.annotations ?? {}
  const argo = list(annotations[HOOK_ANNOTATION])
  const helm = list(annotations[HELM_HOOK])
  if (argo.length === 0 && helm.length === 0) return { kind: 'resource' }
  const phases = new Set<SyncPhaseName>()
  if (argo.length > 0) {
    for (const name of argo) {
      const phase = argoPhases[name]
      if (phase === 'Skip') return { kind: 'skipped', reason: `${HOOK_ANNOTATION}: Skip` }
      if (phase) phases.add(phase)
    }
  } else {
    for (const name of helm) {
      const phase = helmPhases[name]
      if (phase) phases.add(phase)
    }
  }
  if (phases.size === 0) {
    const written =
      argo.length > 0 ? `${HOOK_ANNOTATION}: ${argo.join(',')}` : `${HELM_HOOK}: ${helm.join(',')}`
    return { kind: 'skipped', reason: `${written} is not a hook a sync runs` }
  }
  const policies = new Set<HookDeletePolicy>()
  for (const p of list(annotations[HOOK_DELETE_POLICY_ANNOTATION]))
    if (p === 'BeforeHookCreation' || p === 'HookSucceeded' || p === 'HookFailed') policies.add(p)
  for (const p of list(annotations[HELM_HOOK_DELETE_POLICY])) {
    const policy = helmDeletePolicies[p]
    if (policy) policies.add(policy)
  }
  if (policies.size === 0) policies.add('BeforeHookCreation')
  return { kind: 'hook', phases: [...phases], deletePolicies: [...policies] }
}
