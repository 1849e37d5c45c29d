import type { Manifest } from '../manifest/types'
import { cronJobHealth } from './health-cronjob'
import { daemonSetHealth } from './health-daemonset'
import { deploymentHealth } from './health-deployment'
import { hostHealth, hypervisorHealth, virtualMachineHealth } from './health-infra'
import { horizontalPodAutoscalerHealth } from './health-hpa'
import { ingressHealth } from './health-ingress'
import { jobHealth } from './health-job'
import { podHealth } from './health-pod'
import { persistentVolumeClaimHealth } from './health-pvc'
import { readyConditionHealth } from './health-ready-condition'
import { replicaSetHealth } from './health-replicaset'
import { serviceHealth } from './health-service'
import { statefulSetHealth } from './health-statefulset'
import type { Health, HealthCheck } from './types'

/** Health checks by kind; other kinds go by their Ready condition, if they have one. */
export const healthChecks: Partial<Record<string, HealthCheck>> = {
  Deployment: deploymentHealth,
  ReplicaSet: replicaSetHealth,
  StatefulSet: statefulSetHealth,
  DaemonSet: daemonSetHealth,
  Pod: podHealth,
  Service: serviceHealth,
  Job: jobHealth,
  CronJob: cronJobHealth,
  PersistentVolumeClaim: persistentVolumeClaimHealth,
  Ingress: ingressHealth,
  HorizontalPodAutoscaler: horizontalPodAutoscalerHealth,
  Host: hostHealth,
  Hypervisor: hypervisorHealth,
  VirtualMachine: virtualMachineHealth,
}

/** Live objects are never changed in place (a write stores a new one): each is assessed once. */
const assessed = new WeakMap<Manifest, Health>()

export function assessHealth(live: Manifest | undefined): Health {
  if (!live) return { status: 'Missing', message: '' }
  let health = assessed.get(live)
  if (!health) {
    health = (live.metadata as { deletionTimestamp?: string }).deletionTimestamp
      ? { status: 'Progressing', message: 'Pending deletion' }
      : (healthChecks[live.kind] ?? readyConditionHealth)(live)
    assessed.set(live, health)
  }
  return { ...health }
}
