import type { KubeObject } from '../../api/meta'
import { fromRfc3339 } from '../../kernel/time'
import type { EventShape } from '../print/event'
import { since } from '../print/printer'
import type { DescribeContext } from './context'
import type { PrefixWriter } from './prefix-writer'

/**
 * `searchEvents`: the events whose involvedObject names this object (name,
 * namespace, uid, and kind unless `anyKind`, as the pod describer asks). The
 * store lists them in the order they were created.
 */
export function searchEvents(
  ctx: DescribeContext,
  obj: KubeObject,
  options: { anyKind?: boolean; uid?: string } = {},
): EventShape[] {
  const uid = options.uid ?? obj.metadata.uid
  return ctx.store.list<EventShape>('Event').filter((e) => {
    const ref = e.involvedObject
    return (
      ref.name === obj.metadata.name &&
      (ref.namespace ?? '') === (obj.metadata.namespace ?? '') &&
      (options.anyKind || ref.kind === obj.kind) &&
      (uid === undefined || ref.uid === uid)
    )
  })
}

/** `event.SortableEvents`: by series last-observed, else last timestamp, else event time. */
function eventTimeMs(e: EventShape): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime
  const ms = t ? fromRfc3339(t) : Number.NaN
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms
}

/** `DescribeEvents`: the `Type Reason Age From Message` table, oldest first; ages `21m (x15 over 91m)`. */
export function describeEvents(
  events: readonly EventShape[],
  w: PrefixWriter,
  ctx: DescribeContext,
): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n')
    return
  }
  w.flush()
  const sorted = [...events].sort((a, b) => eventTimeMs(a) - eventTimeMs(b))
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n')
  w.write(1, '----\t------\t----\t----\t-------\n')
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, ctx) : since(e.firstTimestamp, ctx)
    let interval = first
    if (e.series)
      interval = `${since(e.series.lastObservedTime, ctx)} (x${e.series.count} over ${first})`
    else if ((e.count ?? 0) > 1)
      interval = `${since(e.lastTimestamp, ctx)} (x${e.count} over ${first})`
    const source = e.source?.component || e.reportingComponent || ''
    w.write(
      1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`,
    )
  }
}
