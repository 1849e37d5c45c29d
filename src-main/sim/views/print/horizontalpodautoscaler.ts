import type { KubeObject } from '../../api/meta'
import { canonicalQuantity } from '../quantity'
import { AGE, NAME, age, printer } from './printer'

interface Target {
  type?: string
  averageUtilization?: number
  averageValue?: string
  value?: string
}
interface Current {
  averageUtilization?: number
  averageValue?: string
  value?: string
}

export interface HpaShape extends KubeObject {
  spec: {
    scaleTargetRef: { kind: string; name: string }
    minReplicas?: number
    maxReplicas: number
    metrics?: {
      type: string
      resource?: { name: string; target: Target }
      containerResource?: { name: string; container: string; target: Target }
      pods?: { metric: { name: string }; target: Target }
      object?: {
        metric: { name: string }
        describedObject: { kind: string; name: string }
        target: Target
      }
      external?: { metric: { name: string }; target: Target }
    }[]
  }
  status?: {
    currentReplicas?: number
    desiredReplicas?: number
    currentMetrics?: {
      type: string
      resource?: { current: Current }
      containerResource?: { current: Current }
      pods?: { current: Current }
      object?: { current: Current }
      external?: { current: Current }
    }[]
  }
}

type Source = 'resource' | 'containerResource' | 'pods' | 'object' | 'external'

const sources: Record<string, Source> = {
  Resource: 'resource',
  ContainerResource: 'containerResource',
  Pods: 'pods',
  Object: 'object',
  External: 'external',
}

const q = (value: string | undefined): string => canonicalQuantity(value ?? '0')

/** One entry of TARGETS, as `formatHPAMetrics` writes it. */
function formatMetric(hpa: HpaShape, i: number): string {
  const spec = hpa.spec.metrics![i]!
  const source = sources[spec.type]
  if (!source) return '<unknown type>'
  const current = hpa.status?.currentMetrics?.[i]?.[source]?.current
  if (source === 'resource' || source === 'containerResource') {
    const m = spec[source]!
    if (m.target.averageValue !== undefined) {
      const now = current ? q(current.averageValue) : '<unknown>'
      return `${m.name}: ${now}/${q(m.target.averageValue)}`
    }
    const now =
      current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : '<unknown>'
    const target =
      m.target.averageUtilization !== undefined ? `${m.target.averageUtilization}%` : '<auto>'
    return `${m.name}: ${now}/${target}`
  }
  if (source === 'pods') {
    return `${current ? q(current.averageValue) : '<unknown>'}/${q(spec.pods!.target.averageValue)}`
  }
  const target = spec[source]!.target
  if (target.averageValue !== undefined) {
    const now = current?.averageValue !== undefined ? q(current.averageValue) : '<unknown>'
    return `${now}/${q(target.averageValue)} (avg)`
  }
  return `${current ? q(current.value) : '<unknown>'}/${q(target.value)}`
}

/** `formatHPAMetrics`: at most two, then ` + N more...`. */
export function hpaTargets(hpa: HpaShape): string {
  const metrics = hpa.spec.metrics ?? []
  if (metrics.length === 0) return '<none>'
  const list = metrics.map((_, i) => formatMetric(hpa, i))
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`
  return list.join(', ')
}

/** `printHorizontalPodAutoscaler`. */
export const horizontalPodAutoscalerPrinter = printer<HpaShape>(
  [
    NAME,
    { name: 'Reference' },
    { name: 'Targets' },
    { name: 'MinPods' },
    { name: 'MaxPods' },
    { name: 'Replicas' },
    AGE,
  ],
  (hpa, ctx) => [
    hpa.metadata.name,
    `${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}`,
    hpaTargets(hpa),
    hpa.spec.minReplicas !== undefined ? String(hpa.spec.minReplicas) : '<unset>',
    hpa.spec.maxReplicas,
    hpa.status?.currentReplicas ?? 0,
    age(hpa, ctx),
  ],
)
