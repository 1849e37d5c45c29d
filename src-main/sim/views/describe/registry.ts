import { describeDaemonSet, describeStatefulSet } from './apps'
import { describeCronJob, describeJob } from './batch'
import { describeConfigMap, describeSecret } from './config'
import type { Describer } from './context'
import { describeDeployment } from './deployment'
import { describeHorizontalPodAutoscaler } from './horizontalpodautoscaler'
import { describeNamespace } from './namespace'
import { describeEndpointSlice, describeEndpoints, describeIngress } from './network'
import { describeNode } from './node'
import { describePod } from './pod'
import { describeReplicaSet } from './replicaset'
import { describeService } from './service'
import {
  describePersistentVolume,
  describePersistentVolumeClaim,
  describeStorageClass,
} from './storage'

/**
 * kubectl's `describerMap`, by kind. Everything else (custom resources, Events,
 * ControllerRevisions, CRDs) goes to the generic describer.
 */
export const describers: Readonly<Record<string, Describer>> = {
  Pod: describePod,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  StatefulSet: describeStatefulSet,
  DaemonSet: describeDaemonSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Node: describeNode,
  Namespace: describeNamespace,
  Service: describeService,
  Endpoints: describeEndpoints,
  EndpointSlice: describeEndpointSlice,
  Ingress: describeIngress,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  PersistentVolume: describePersistentVolume,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  StorageClass: describeStorageClass,
  HorizontalPodAutoscaler: describeHorizontalPodAutoscaler,
}
