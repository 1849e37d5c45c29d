import type { Service } from '../../api/core'
import type { ObjectStore } from '../../store/store'

type Selector = Readonly<Record<string, string>>

/**
 * The selectors of each namespace's Services, read from the store once per
 * change to any Service instead of once per pod: the system default spreading
 * merges those that select the pod into its selector (`helper.DefaultSelector`).
 */
export class ServiceSelectors {
  /** Moves with every Service added, changed or deleted. */
  epoch = 0
  private readonly byNamespace = new Map<string, readonly Selector[]>()

  constructor(private readonly store: ObjectStore) {
    store.watch(() => {
      this.epoch++
      this.byNamespace.clear()
    }, ['Service'])
  }

  /** The selectors of the namespace's Services that have one, in the store's order. */
  of(namespace: string): readonly Selector[] {
    let selectors = this.byNamespace.get(namespace)
    if (!selectors) {
      const found: Selector[] = []
      for (const svc of this.store.list<Service>('Service', { namespace })) {
        if (svc.spec?.selector) found.push(svc.spec.selector)
      }
      this.byNamespace.set(namespace, (selectors = found))
    }
    return selectors
  }
}
