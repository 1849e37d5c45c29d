import type { KubeObject } from '../../api/meta'
import { rfc1123z } from '../format'
import type { HpaShape } from '../print/horizontalpodautoscaler'
import { canonicalQuantity } from '../quantity'
import type { DescribeContext } from './context'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline'
import { type PrefixWriter, tabbed } from './prefix-writer'

interface HpaDetail extends HpaShape {
  spec: HpaShape['spec'] & {
    behavior?: {
      scaleUp?: Rules
      scaleDown?: Rules
    }
  }
  status?: HpaShape['status'] & {
    conditions?: { type: string; status: string; reason?: string; message?: string }[]
  }
}

interface Rules {
  stabilizationWindowSeconds?: number
  selectPolicy?: string
  policies?: { type: string; value: number; periodSeconds: number }[]
}

const q = (v: string | undefined): string => canonicalQuantity(v ?? '0')

function describeMetrics(hpa: HpaDetail, w: PrefixWriter): void {
  ;(hpa.spec.metrics ?? []).forEach((metric, i) => {
    const current = hpa.status?.currentMetrics?.[i]
    if (metric.type === 'Resource' || metric.type === 'ContainerResource') {
      const resource = metric.type === 'Resource'
      const m = resource ? metric.resource! : metric.containerResource!
      const now = resource ? current?.resource?.current : current?.containerResource?.current
      const on = resource
        ? `resource ${m.name} on pods`
        : `resource ${m.name} of container "${metric.containerResource!.container}" on pods`
      w.write(1, on)
      if (m.target.averageValue !== undefined) {
        w.write(0, `:\t${now ? q(now.averageValue) : '<unknown>'} / ${q(m.target.averageValue)}\n`)
      } else {
        const value =
          now?.averageUtilization !== undefined
            ? `${now.averageUtilization}% (${q(now.averageValue)})`
            : '<unknown>'
        const target =
          m.target.averageUtilization !== undefined ? `${m.target.averageUtilization}%` : '<auto>'
        w.write(1, `(as a percentage of request):\t${value} / ${target}\n`)
      }
    } else if (metric.type === 'Pods') {
      const now = current?.pods?.current
      w.write(
        1,
        `"${metric.pods!.metric.name}" on pods:\t${now ? q(now.averageValue) : '<unknown>'} / ${q(metric.pods!.target.averageValue)}\n`,
      )
    } else if (metric.type === 'Object') {
      const o = metric.object!
      const now = current?.object?.current
      w.write(1, `"${o.metric.name}" on ${o.describedObject.kind}/${o.describedObject.name} `)
      if (o.target.type === 'AverageValue')
        w.write(
          0,
          `(target average value):\t${now ? q(now.averageValue) : '<unknown>'} / ${q(o.target.averageValue)}\n`,
        )
      else
        w.write(0, `(target value):\t${now ? q(now.value) : '<unknown>'} / ${q(o.target.value)}\n`)
    } else if (metric.type === 'External') {
      const e = metric.external!
      const now = current?.external?.current
      if (e.target.averageValue !== undefined)
        w.write(
          1,
          `"${e.metric.name}" (target average value):\t${now?.averageValue !== undefined ? q(now.averageValue) : '<unknown>'} / ${q(e.target.averageValue)}\n`,
        )
      else
        w.write(
          1,
          `"${e.metric.name}" (target value):\t${now ? q(now.value) : '<unknown>'} / ${q(e.target.value)}\n`,
        )
    } else {
      w.write(1, `<unknown metric type "${metric.type}">\n`)
    }
  })
}

function describeBehavior(w: PrefixWriter, direction: string, rules: Rules | undefined): void {
  if (!rules) return
  w.write(1, `${direction}:\n`)
  if (rules.stabilizationWindowSeconds !== undefined)
    w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`)
  if ((rules.policies ?? []).length > 0) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`)
    w.write(2, 'Policies:\n')
    for (const p of rules.policies!)
      w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`)
  }
}

/** `describeHorizontalPodAutoscalerV2`. */
export function describeHorizontalPodAutoscaler(obj: KubeObject, ctx: DescribeContext): string {
  const hpa = obj as HpaDetail
  const events = searchEvents(ctx, hpa)
  return tabbed((w) => {
    w.write(0, `Name:\t${hpa.metadata.name}\n`)
    w.write(0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', hpa.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations)
    w.write(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`)
    w.write(0, `Reference:\t${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}\n`)
    w.write(0, 'Metrics:\t( current / target )\n')
    describeMetrics(hpa, w)
    w.write(0, `Min replicas:\t${hpa.spec.minReplicas ?? '<unset>'}\n`)
    w.write(0, `Max replicas:\t${hpa.spec.maxReplicas}\n`)
    if (hpa.spec.behavior) {
      w.write(0, 'Behavior:\n')
      describeBehavior(w, 'Scale Up', hpa.spec.behavior.scaleUp)
      describeBehavior(w, 'Scale Down', hpa.spec.behavior.scaleDown)
    }
    w.write(0, `${hpa.spec.scaleTargetRef.kind} pods:\t`)
    w.write(
      0,
      `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`,
    )
    if ((hpa.status?.conditions ?? []).length > 0) {
      w.write(0, 'Conditions:\n')
      w.write(1, 'Type\tStatus\tReason\tMessage\n')
      w.write(1, '----\t------\t------\t-------\n')
      for (const c of hpa.status!.conditions!)
        w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`)
    }
    describeEvents(events, w, ctx)
  })
}
