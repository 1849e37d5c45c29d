import type { Host, Hypervisor, VirtualMachine } from '../api/infra'
import type { KubeObject } from '../api/meta'
import { Prng } from '../kernel/prng'
import { toRfc3339 } from '../kernel/time'
import { ApiError } from '../store/errors'
import type { ObjectStore } from '../store/store'
import { InfraIndex } from './infra-index'
import { hostStatus, hypervisorStatus } from './machine-status'
import { nodeForVm } from './node-template'
import { bootTimeMs, nextVmStep } from './vm-status'

/** The uids of the machines come from their own stream, so the cluster's names do not depend on them. */
export function machineUids(seed: number): Prng {
  return new Prng((seed ^ 0x5bd1e995) >>> 0)
}

/** A document the API server refused, named so whoever declared it can find it. */
export interface InfraProblem {
  kind: string
  name: string
  message: string
}

/**
 * Creates the machines a cluster starts on as already running: hosts on,
 * hypervisors running, each VM placed and booted, its Node registered and
 * Ready, without a boot to wait for or an event to show, as the nodes of a
 * freshly created kind cluster are. The same status rules as the controller's
 * decide placement, so the controller's first look changes nothing. A VM that
 * cannot be placed stays Provisioning, with the reason in its conditions; a
 * document the API server refuses is returned and the others still boot.
 */
export function bootInfrastructure(
  store: ObjectStore,
  docs: readonly KubeObject[],
  nowMs: number,
  uids: Prng,
): InfraProblem[] {
  const problems: InfraProblem[] = []
  store.withUidSource(uids, () => {
    for (const doc of docs) {
      try {
        store.create(doc)
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        problems.push({
          kind: String(doc?.kind),
          name: String(doc?.metadata?.name),
          message: e.message,
        })
      }
    }
  })
  const index = new InfraIndex(store)
  const nowText = toRfc3339(nowMs)
  const rollUp = () => {
    for (const hv of store.list<Hypervisor>('Hypervisor'))
      store.updateStatus<Hypervisor>({ ...hv, status: hypervisorStatus(hv, index, nowText) })
    for (const host of store.list<Host>('Host'))
      store.updateStatus<Host>({ ...host, status: hostStatus(host, index, nowText) })
  }
  rollUp()
  let nodeIndex = store.count('Node')
  for (const vm of store.list<VirtualMachine>('VirtualMachine')) {
    const placed = nextVmStep(vm, index, nowMs)
    if (placed.status.phase !== 'Booting') {
      store.updateStatus<VirtualMachine>({ ...vm, status: placed.status })
      continue
    }
    // Booted before the cluster started: its boot began one boot time ago.
    const booted = { ...placed.status, bootStartedAt: toRfc3339(nowMs - bootTimeMs(vm)) }
    const running = nextVmStep({ ...vm, status: booted }, index, nowMs).status
    const written = store.updateStatus<VirtualMachine>({ ...vm, status: running })
    index.observe(vm, written)
    const host = store.get<Host>(
      'Host',
      undefined,
      store.get<Hypervisor>('Hypervisor', undefined, vm.spec.hypervisor)!.spec.host,
    )
    store.create(nodeForVm(written, host, { index: nodeIndex++, nowText, ready: true }))
  }
  rollUp()
  return problems
}
