import type { Deployment, ReplicaSet } from '../../api/apps'
import type { KubeObject } from '../../api/meta'
import type { ControllerContext } from '../../runtime/context'
import { selectorMatchesLabels } from '../../store/labels'

/**
 * ReplicaSets no controller owns, per namespace: what `ClaimReplicaSets` may adopt.
 * Kept from the watch, so a Deployment's sync looks at the orphans of its
 * namespace only, not at every ReplicaSet (`getReplicaSetsForDeployment`).
 */
export class OrphanReplicaSets {
  private readonly byNamespace = new Map<string, Set<string>>()

  /** Follows one ReplicaSet change; true when it is (still) an orphan. */
  observe(rs: KubeObject, deleted: boolean): boolean {
    const namespace = rs.metadata.namespace ?? ''
    const orphan =
      !deleted &&
      !rs.metadata.deletionTimestamp &&
      !rs.metadata.ownerReferences?.some((r) => r.controller)
    let names = this.byNamespace.get(namespace)
    if (orphan) {
      if (!names) this.byNamespace.set(namespace, (names = new Set()))
      names.add(rs.metadata.name)
    } else if (names?.delete(rs.metadata.name) && names.size === 0) {
      this.byNamespace.delete(namespace)
    }
    return orphan
  }

  /**
   * Adopts the orphans `d`'s selector matches, as `ControllerRefManager` does:
   * a controller reference to the Deployment is added. Nothing is adopted by a
   * Deployment being deleted.
   */
  adopt(ctx: ControllerContext, d: Deployment): void {
    const names = this.byNamespace.get(d.metadata.namespace ?? '')
    if (!names || d.metadata.deletionTimestamp) return
    for (const name of [...names]) {
      const rs = ctx.store.get<ReplicaSet>('ReplicaSet', d.metadata.namespace, name)
      if (!rs || !selectorMatchesLabels(d.spec.selector, rs.metadata.labels ?? {})) continue
      ctx.store.updateOwned<ReplicaSet>({
        ...rs,
        metadata: {
          ...rs.metadata,
          ownerReferences: [
            ...(rs.metadata.ownerReferences ?? []),
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: d.metadata.name,
              uid: d.metadata.uid!,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
      })
    }
  }
}
