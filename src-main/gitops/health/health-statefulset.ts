import type { HealthCheck } from './types'
import { field } from './types'

/**
 * gitops-engine `getAppsv1StatefulSetHealth`, which borrows kubectl's rollout
 * status. A RollingUpdate with a `rollingUpdate` block (every defaulted one) is
 * done once the ordinals at or above the partition are updated.
 */
export const statefulSetHealth: HealthCheck = (live) => {
  const generation = field<number>(live, 'metadata', 'generation') ?? 0
  const observed = field<number>(live, 'status', 'observedGeneration') ?? 0
  if (observed === 0 || generation > observed)
    return {
      status: 'Progressing',
      message: 'Waiting for statefulset spec update to be observed...',
    }
  const replicas = field<number>(live, 'spec', 'replicas')
  const ready = field<number>(live, 'status', 'readyReplicas') ?? 0
  if (replicas !== undefined && ready < replicas)
    return { status: 'Progressing', message: `Waiting for ${replicas - ready} pods to be ready...` }
  const type = field<string>(live, 'spec', 'updateStrategy', 'type')
  const updated = field<number>(live, 'status', 'updatedReplicas') ?? 0
  const rolling = field<{ partition?: number }>(live, 'spec', 'updateStrategy', 'rollingUpdate')
  if (type === 'RollingUpdate' && rolling) {
    if (replicas !== undefined && rolling.partition !== undefined) {
      const wanted = replicas - rolling.partition
      if (updated < wanted) {
        return {
          status: 'Progressing',
          message: `Waiting for partitioned roll out to finish: ${updated} out of ${wanted} new pods have been updated...`,
        }
      }
    }
    return {
      status: 'Healthy',
      message: `partitioned roll out complete: ${updated} new pods have been updated...`,
    }
  }
  if (type === 'OnDelete')
    return { status: 'Healthy', message: `statefulset has ${ready} ready pods` }
  const currentRevision = field<string>(live, 'status', 'currentRevision') ?? ''
  const updateRevision = field<string>(live, 'status', 'updateRevision') ?? ''
  if (updateRevision !== currentRevision) {
    return {
      status: 'Progressing',
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`,
    }
  }
  const current = field<number>(live, 'status', 'currentReplicas') ?? 0
  return {
    status: 'Healthy',
    message: `statefulset rolling update complete ${current} pods at revision ${currentRevision}...`,
  }
}
