import type { HealthCheck } from './types'
import { field } from './types'

interface ContainerStatus {
  state?: {
    waiting?: { reason?: string; message?: string }
    terminated?: { exitCode?: number; reason?: string; message?: string }
  }
  lastState?: { terminated?: unknown }
}

/** gitops-engine `getCorev1PodHealth`. */
export const podHealth: HealthCheck = (live) => {
  const restartPolicy = field<string>(live, 'spec', 'restartPolicy') ?? 'Always'
  const statuses = field<ContainerStatus[]>(live, 'status', 'containerStatuses') ?? []
  const message = field<string>(live, 'status', 'message') ?? ''
  if (restartPolicy === 'Always') {
    const broken = statuses
      .map((s) => s.state?.waiting)
      .filter(
        (w) =>
          w?.reason &&
          (w.reason.startsWith('Err') ||
            w.reason.endsWith('Error') ||
            w.reason.endsWith('BackOff')),
      )
    if (broken.length > 0)
      return { status: 'Degraded', message: broken.map((w) => w!.message ?? w!.reason).join(', ') }
  }
  switch (field<string>(live, 'status', 'phase')) {
    case 'Pending':
      return { status: 'Progressing', message }
    case 'Succeeded':
      return { status: 'Healthy', message }
    case 'Failed': {
      if (message) return { status: 'Degraded', message }
      const initStatuses = field<ContainerStatus[]>(live, 'status', 'initContainerStatuses') ?? []
      const failed = [...initStatuses, ...statuses]
        .map((s) => s.state?.terminated)
        .find((t) => t && t.exitCode !== 0)
      return { status: 'Degraded', message: failed?.message ?? failed?.reason ?? '' }
    }
    case 'Running': {
      if (restartPolicy !== 'Always') return { status: 'Progressing', message }
      const ready = (
        field<{ type: string; status: string }[]>(live, 'status', 'conditions') ?? []
      ).some((c) => c.type === 'Ready' && c.status === 'True')
      if (ready) return { status: 'Healthy', message }
      if (statuses.some((s) => s.lastState?.terminated)) return { status: 'Degraded', message }
      return { status: 'Progressing', message }
    }
  }
  return { status: 'Unknown', message }
}
