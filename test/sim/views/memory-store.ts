import type { Pod } from '../../../src-main/sim/api/core'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { fromRfc3339 } from '../../../src-main/sim/kernel/time'
import type { ClusterReader } from '../../../src-main/sim/views/describe/context'
import { fixture } from '../../helpers/fixtures'

/**
 * A read-only cluster of fixture objects, for kinds whose controllers the
 * simulation does not run yet, or to match output quoted from real clusters.
 */
export class MemoryCluster implements ClusterReader {
  constructor(private readonly objects: readonly KubeObject[]) {}

  get<T extends KubeObject = KubeObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    return this.objects.find(
      (o) =>
        o.kind === kind &&
        (o.metadata.namespace ?? undefined) === (namespace ?? undefined) &&
        o.metadata.name === name,
    ) as T | undefined
  }

  list<T extends KubeObject = KubeObject>(kind: string, options: { namespace?: string } = {}): T[] {
    return this.objects.filter(
      (o) =>
        o.kind === kind &&
        (options.namespace === undefined || o.metadata.namespace === options.namespace),
    ) as T[]
  }

  podsOnNode(nodeName: string): Pod[] {
    return this.list<Pod>('Pod').filter((p) => p.spec.nodeName === nodeName)
  }

  dependents<T extends KubeObject = KubeObject>(ownerUid: string, kind?: string): T[] {
    return this.objects.filter(
      (o) =>
        (kind === undefined || o.kind === kind) &&
        (o.metadata.ownerReferences ?? []).some((r) => r.uid === ownerUid),
    ) as T[]
  }
}

/** The items of a `kind: List` fixture file under test/fixtures/views. */
export function listFixture(...parts: string[]): KubeObject[] {
  return fixture<{ items: KubeObject[] }>('views', ...parts).items
}

export const at = (timestamp: string): number => fromRfc3339(timestamp)
