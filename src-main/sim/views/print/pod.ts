import type { Pod } from '../../api/core'
import { summarisePod } from '../pod-status'
import { AGE, NAME, age, printer } from './printer'

interface PodExtras {
  status?: {
    podIPs?: { ip: string }[]
    nominatedNodeName?: string
    conditions?: { type: string; status: string }[]
  }
  spec: { readinessGates?: { conditionType: string }[] }
}

/** `printPod`: STATUS, READY and RESTARTS come from `summarisePod`. */
export const podPrinter = printer<Pod & PodExtras>(
  [
    NAME,
    { name: 'Ready' },
    { name: 'Status' },
    { name: 'Restarts' },
    AGE,
    { name: 'IP', priority: 1 },
    { name: 'Node', priority: 1 },
    { name: 'Nominated Node', priority: 1 },
    { name: 'Readiness Gates', priority: 1 },
  ],
  (pod, ctx) => {
    const summary = summarisePod(pod, ctx.nowMs)
    const gates = pod.spec.readinessGates ?? []
    let readinessGates = '<none>'
    if (gates.length > 0) {
      const conditions = pod.status?.conditions ?? []
      const passed = gates.filter(
        (g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True',
      ).length
      readinessGates = `${passed}/${gates.length}`
    }
    return [
      pod.metadata.name,
      summary.ready,
      summary.status,
      summary.restartsText,
      age(pod, ctx),
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates,
    ]
  },
)
