import type { KubeObject } from '../../api/meta'
import { rfc1123z } from '../format'
import type { DescribeContext } from './context'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline'
import { tabbed } from './prefix-writer'

interface NamespaceShape extends KubeObject {
  status?: {
    phase?: string
    conditions?: {
      type: string
      status: string
      lastTransitionTime?: string
      reason?: string
      message?: string
    }[]
  }
}

/** `describeNamespace`: quotas and limit ranges follow; the simulated API server serves both, empty. */
export function describeNamespace(obj: KubeObject, ctx: DescribeContext): string {
  const ns = obj as NamespaceShape
  const quotas = ctx.store.list('ResourceQuota', { namespace: ns.metadata.name })
  const limitRanges = ctx.store.list('LimitRange', { namespace: ns.metadata.name })
  return tabbed((w) => {
    w.write(0, `Name:\t${ns.metadata.name}\n`)
    printLabelsMultiline(w, 'Labels', ns.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations)
    w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`)
    if ((ns.status?.conditions ?? []).length > 0) {
      w.write(0, 'Conditions:\n')
      w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n')
      w.write(1, '----\t------\t------------------\t------\t-------\n')
      for (const c of ns.status!.conditions!)
        w.write(
          1,
          `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
        )
    }
    w.write(0, '\n')
    if (quotas.length === 0) w.write(0, 'No resource quota.\n')
    else
      w.write(0, `Resource Quotas\n${quotas.map((q) => `  Name:\t${q.metadata.name}\n`).join('')}`)
    w.write(0, '\n')
    if (limitRanges.length === 0) w.write(0, 'No LimitRange resource.\n')
    else
      w.write(
        0,
        'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
      )
  })
}
