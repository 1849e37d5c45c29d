import type { ObjectStore } from '../store/store'
import { InfraIndex } from './infra-index'

/**
 * An index of who runs on whom, kept up to date by its own watch on the store,
 * for readers outside the infrastructure controller (usage, CPU steal) that
 * must not list every VM on each call.
 */
export function liveInfraIndex(store: ObjectStore): InfraIndex {
  const index = new InfraIndex(store)
  store.watch(
    ({ type, object, old }) =>
      index.observe(
        type === 'ADDED' ? undefined : type === 'DELETED' ? object : old,
        type === 'DELETED' ? undefined : object,
      ),
    ['Hypervisor', 'VirtualMachine'],
  )
  return index
}
