import type { KubeObject } from '../../api/meta'
import { NAME, printer, since } from './printer'

export interface EventShape extends KubeObject {
  involvedObject: {
    kind?: string
    name?: string
    namespace?: string
    uid?: string
    fieldPath?: string
  }
  reason?: string
  message?: string
  type?: string
  source?: { component?: string; host?: string }
  reportingComponent?: string
  reportingInstance?: string
  count?: number
  firstTimestamp?: string
  lastTimestamp?: string
  eventTime?: string
  series?: { count: number; lastObservedTime: string }
}

/** `formatEventSource`: `component, host`, falling back to the reporting fields. */
function eventSource(e: EventShape): string {
  const component = e.source?.component || e.reportingComponent || ''
  const host = e.source?.host || e.reportingInstance || ''
  return host ? `${component}, ${host}` : component
}

/** `printEvent`. */
export const eventPrinter = printer<EventShape>(
  [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    { name: 'Subobject', priority: 1 },
    { name: 'Source', priority: 1 },
    { name: 'Message' },
    { name: 'First Seen', priority: 1 },
    { name: 'Count', priority: 1 },
    { ...NAME, priority: 1 },
  ],
  (e, ctx) => {
    const first = e.firstTimestamp ? since(e.firstTimestamp, ctx) : since(e.eventTime, ctx)
    let last = e.lastTimestamp ? since(e.lastTimestamp, ctx) : first
    let count = e.count ?? 0
    if (e.series) {
      last = since(e.series.lastObservedTime, ctx)
      count = e.series.count
    } else if (count === 0) count = 1
    const kind = (e.involvedObject.kind ?? '').toLowerCase()
    const target = e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind
    return [
      last,
      e.type ?? '',
      e.reason ?? '',
      target,
      e.involvedObject.fieldPath ?? '',
      eventSource(e),
      (e.message ?? '').trim(),
      first,
      count,
      e.metadata.name,
    ]
  },
)
