import { configMapPrinter } from './configmap'
import { controllerRevisionPrinter } from './controllerrevision'
import { cronJobPrinter } from './cronjob'
import { daemonSetPrinter } from './daemonset'
import { deploymentPrinter } from './deployment'
import { endpointsPrinter } from './endpoints'
import { endpointSlicePrinter } from './endpointslice'
import { eventPrinter } from './event'
import { horizontalPodAutoscalerPrinter } from './horizontalpodautoscaler'
import { hostPrinter, hypervisorPrinter, virtualMachinePrinter } from './infra'
import { ingressClassPrinter, ingressPrinter } from './ingress'
import { jobPrinter } from './job'
import { namespacePrinter } from './namespace'
import { nodePrinter } from './node'
import { persistentVolumePrinter } from './persistentvolume'
import { persistentVolumeClaimPrinter } from './persistentvolumeclaim'
import { podPrinter } from './pod'
import { podDisruptionBudgetPrinter } from './poddisruptionbudget'
import type { TablePrinter } from './printer'
import { replicaSetPrinter } from './replicaset'
import { secretPrinter } from './secret'
import { servicePrinter } from './service'
import { serviceAccountPrinter } from './serviceaccount'
import { statefulSetPrinter } from './statefulset'
import { storageClassPrinter } from './storageclass'

/**
 * What `AddHandlers` in `pkg/printers/internalversion/printers.go` registers, by
 * kind. Built-in kinds missing here get the API server's default table (NAME,
 * CREATED AT); custom resources get their CRD's columns.
 */
export const builtinPrinters: Readonly<Record<string, TablePrinter>> = {
  Pod: podPrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  StatefulSet: statefulSetPrinter,
  DaemonSet: daemonSetPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  EndpointSlice: endpointSlicePrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
  PersistentVolume: persistentVolumePrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  StorageClass: storageClassPrinter,
  Ingress: ingressPrinter,
  IngressClass: ingressClassPrinter,
  HorizontalPodAutoscaler: horizontalPodAutoscalerPrinter,
  PodDisruptionBudget: podDisruptionBudgetPrinter,
  Event: eventPrinter,
  ControllerRevision: controllerRevisionPrinter,
  // The machines under the nodes are Drydock's own kinds; they print like a CRD with columns.
  Host: hostPrinter,
  Hypervisor: hypervisorPrinter,
  VirtualMachine: virtualMachinePrinter,
}
