import { parseAllDocuments } from 'yaml'
import type { KubeEvent, Node, Pod } from '../../../src-main/sim/api/core'
import type { Host, Hypervisor, VirtualMachine } from '../../../src-main/sim/api/infra'
import type { ConditionStatus, KubeObject } from '../../../src-main/sim/api/meta'
import { applyFault, parseFault } from '../../../src-main/sim/infra/faults'
import type { Simulation } from '../../../src-main/sim/simulation'
import { ApiError } from '../../../src-main/sim/store/errors'
import { fixtureText } from '../../helpers/fixtures'

/** Every document of a multi-document YAML fixture under `test/fixtures/infra`. */
export function infraFixture(file: string): KubeObject[] {
  return parseAllDocuments(fixtureText('infra', file)).map((d) => d.toJS() as KubeObject)
}

/** Creates each document as `kubectl apply` would, one by one; returns the refusals by name. */
export function applyAll(sim: Simulation, docs: readonly KubeObject[]): Map<string, string> {
  const refused = new Map<string, string>()
  for (const doc of docs) {
    try {
      sim.store.create(doc)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      refused.set(`${doc.kind}/${doc.metadata.name}`, e.message)
    }
  }
  sim.settle()
  return refused
}

/** Carries out a fault (`hypervisor/hv-b:crash`) and lets the cluster react at this instant. */
export function fault(sim: Simulation, spec: string): string {
  const message = applyFault(sim, parseFault(spec))
  sim.settle()
  return message
}

export const nodeNamed = (sim: Simulation, name: string) =>
  sim.store.get<Node>('Node', undefined, name)

export function ready(sim: Simulation, name: string): ConditionStatus | undefined {
  return nodeNamed(sim, name)?.status?.conditions?.find((c) => c.type === 'Ready')?.status
}

/** A node's taints as `kubectl describe node` lists them: `key:Effect`. */
export function taints(sim: Simulation, name: string): string[] {
  return (nodeNamed(sim, name)?.spec.taints ?? []).map((t) => `${t.key}:${t.effect}`)
}

export const vm = (sim: Simulation, name: string) =>
  sim.store.get<VirtualMachine>('VirtualMachine', undefined, name)
export const hypervisor = (sim: Simulation, name: string) =>
  sim.store.get<Hypervisor>('Hypervisor', undefined, name)
export const host = (sim: Simulation, name: string) => sim.store.get<Host>('Host', undefined, name)

/** `reason: message` of the events about one object, oldest first, each once. */
export function eventsOf(sim: Simulation, kind: string, name: string): string[] {
  return sim.store
    .list<KubeEvent>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .map((e) => `${e.reason}: ${e.message}`)
}

export function podsOn(sim: Simulation, nodeName: string, app: string): Pod[] {
  return sim.store
    .list<Pod>('Pod', { namespace: 'default' })
    .filter((p) => p.spec.nodeName === nodeName && p.metadata.labels?.app === app)
}
