import type { Pod } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { controllerRef } from '../../api/pod-util'
import type { DescribeContext } from './context'

/** `getPodStatusForController`: the controller's pods by phase, as `Pods Status:` prints them. */
export function podsStatus(ctx: DescribeContext, owner: KubeObject): string {
  let running = 0
  let waiting = 0
  let succeeded = 0
  let failed = 0
  for (const pod of ctx.store.dependents<Pod>(owner.metadata.uid ?? '', 'Pod')) {
    if (controllerRef(pod)?.uid !== owner.metadata.uid) continue
    const phase = pod.status?.phase
    if (phase === 'Running') running++
    else if (phase === 'Pending') waiting++
    else if (phase === 'Succeeded') succeeded++
    else if (phase === 'Failed') failed++
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`
}
