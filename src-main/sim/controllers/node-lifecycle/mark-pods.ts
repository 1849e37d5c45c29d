import type { Pod } from '../../api/core'
import { toRfc3339 } from '../../kernel/time'
import type { ControllerContext } from '../../runtime/context'

/**
 * `MarkPodsNotReady` for one pod: its Ready condition turns False (nothing
 * else of its status changes), so endpoints stop sending it traffic while its
 * node cannot say how it is; then a `NodeNotReady` event on the pod.
 */
export function markPodNotReady(ctx: ControllerContext, pod: Pod, component: string): void {
  const conditions = pod.status?.conditions
  if (!Array.isArray(conditions)) return
  const ready = conditions.find((c) => c?.type === 'Ready')
  if (!ready || ready.status === 'False') return
  const nowText = toRfc3339(ctx.clock.nowMs())
  ctx.store.updateStatus<Pod>({
    ...pod,
    metadata: { ...pod.metadata, resourceVersion: undefined },
    status: {
      ...pod.status,
      conditions: conditions.map((c) =>
        c === ready ? { ...c, status: 'False', lastTransitionTime: nowText } : c,
      ),
    },
  })
  ctx.recorder.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready', { component })
}
