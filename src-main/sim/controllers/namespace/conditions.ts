import type { Condition } from '../../api/meta'

/**
 * The namespace conditions the deleter keeps (`deletion/status_condition_utils.go`):
 * each type is True with a reason while something is wrong and False with its
 * "ok" reason and message otherwise.
 */
export type NamespaceConditionType =
  | 'NamespaceDeletionDiscoveryFailure'
  | 'NamespaceDeletionGroupVersionParsingFailure'
  | 'NamespaceDeletionContentFailure'
  | 'NamespaceContentRemaining'
  | 'NamespaceFinalizersRemaining'

const conditionTypes: readonly NamespaceConditionType[] = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
]

const ok: Record<NamespaceConditionType, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: {
    reason: 'ResourcesDiscovered',
    message: 'All resources successfully discovered',
  },
  NamespaceDeletionGroupVersionParsingFailure: {
    reason: 'ParsedGroupVersions',
    message: 'All legacy kube types successfully parsed',
  },
  NamespaceDeletionContentFailure: {
    reason: 'ContentDeleted',
    message: 'All content successfully deleted, may be waiting on finalization',
  },
  NamespaceContentRemaining: {
    reason: 'ContentRemoved',
    message: 'All content successfully removed',
  },
  NamespaceFinalizersRemaining: {
    reason: 'ContentHasNoFinalizers',
    message: 'All content-preserving finalizers finished',
  },
}

/** What one pass over a namespace's content found. */
export interface ContentTotals {
  /** `pods.` / `deployments.apps` → how many are left. */
  readonly remainingByResource: ReadonlyMap<string, number>
  readonly remainingByFinalizer: ReadonlyMap<string, number>
  /** Messages of the deletes that failed. */
  readonly errors: readonly string[]
}

type Failing = Partial<Record<NamespaceConditionType, { reason: string; message: string }>>

function failing(totals: ContentTotals): Failing {
  const out: Failing = {}
  const resources = [...totals.remainingByResource]
    .filter(([, n]) => n > 0)
    .map(([resource, n]) => `${resource} has ${n} resource instances`)
    .sort()
  if (resources.length > 0) {
    out.NamespaceContentRemaining = {
      reason: 'SomeResourcesRemain',
      message: `Some resources are remaining: ${resources.join(', ')}`,
    }
  }
  const finalizers = [...totals.remainingByFinalizer]
    .filter(([, n]) => n > 0)
    .map(([finalizer, n]) => `${finalizer} in ${n} resource instances`)
    .sort()
  if (finalizers.length > 0) {
    out.NamespaceFinalizersRemaining = {
      reason: 'SomeFinalizersRemain',
      message: `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}`,
    }
  }
  if (totals.errors.length > 0) {
    const messages = [...totals.errors].sort()
    out.NamespaceDeletionContentFailure = {
      reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${messages.length} remaining: ${messages.join(', ')}`,
    }
  }
  return out
}

/**
 * `namespaceConditionUpdater.Update`: the five conditions after one pass, a
 * condition's lastTransitionTime moving only when its status does. Returns
 * undefined when nothing changed.
 */
export function updatedConditions(
  conditions: readonly Condition[] | undefined,
  totals: ContentTotals,
  now: string,
): Condition[] | undefined {
  const bad = failing(totals)
  const list = [...(conditions ?? [])]
  let changed = false
  for (const type of conditionTypes) {
    const wanted = bad[type]
      ? { type, status: 'True' as const, ...bad[type] }
      : { type, status: 'False' as const, ...ok[type] }
    const i = list.findIndex((c) => c.type === type)
    const old = i >= 0 ? list[i] : undefined
    if (!old) {
      list.push({ ...wanted, lastTransitionTime: now })
      changed = true
    } else if (
      old.status !== wanted.status ||
      old.reason !== wanted.reason ||
      old.message !== wanted.message
    ) {
      list[i] = {
        ...wanted,
        lastTransitionTime: old.status !== wanted.status ? now : old.lastTransitionTime,
      }
      changed = true
    }
  }
  return changed ? list : undefined
}
