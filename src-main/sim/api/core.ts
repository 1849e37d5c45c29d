import type { Condition, KubeObject, LabelSelector, ObjectMeta, ObjectRef } from './meta'

export type ResourceList = Record<string, string | number>

export interface ContainerPort {
  name?: string
  containerPort: number
  protocol?: 'TCP' | 'UDP' | 'SCTP'
}

export interface EnvVar {
  name: string
  value?: string
}

export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: string }
  tcpSocket?: { port: number | string }
  exec?: { command: string[] }
  initialDelaySeconds?: number
  timeoutSeconds?: number
  periodSeconds?: number
  successThreshold?: number
  failureThreshold?: number
}

export interface Container {
  name: string
  image: string
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never'
  command?: string[]
  args?: string[]
  env?: EnvVar[]
  ports?: ContainerPort[]
  resources?: { requests?: ResourceList; limits?: ResourceList }
  readinessProbe?: Probe
  livenessProbe?: Probe
  startupProbe?: Probe
}

export interface Toleration {
  key?: string
  operator?: 'Exists' | 'Equal'
  value?: string
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'
  tolerationSeconds?: number
}

export interface PodSpec {
  containers: Container[]
  initContainers?: Container[]
  nodeName?: string
  nodeSelector?: Record<string, string>
  tolerations?: Toleration[]
  restartPolicy?: 'Always' | 'OnFailure' | 'Never'
  terminationGracePeriodSeconds?: number
  schedulerName?: string
}

export interface ContainerStateWaiting {
  reason?: string
  message?: string
}
export interface ContainerStateRunning {
  startedAt?: string
}
export interface ContainerStateTerminated {
  exitCode: number
  signal?: number
  reason?: string
  message?: string
  startedAt?: string
  finishedAt?: string
}
export interface ContainerState {
  waiting?: ContainerStateWaiting
  running?: ContainerStateRunning
  terminated?: ContainerStateTerminated
}

export interface ContainerStatus {
  name: string
  image: string
  imageID?: string
  containerID?: string
  ready: boolean
  started?: boolean
  restartCount: number
  state: ContainerState
  lastState?: ContainerState
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'

export interface PodStatus {
  phase?: PodPhase
  conditions?: Condition[]
  message?: string
  reason?: string
  hostIP?: string
  podIP?: string
  startTime?: string
  initContainerStatuses?: ContainerStatus[]
  containerStatuses?: ContainerStatus[]
}

export interface PodTemplateSpec {
  metadata?: Partial<ObjectMeta>
  spec: PodSpec
}

export interface Pod extends KubeObject {
  kind: 'Pod'
  spec: PodSpec
  status?: PodStatus
}

export interface Taint {
  key: string
  value?: string
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'
  timeAdded?: string
}

export interface NodeSpec {
  unschedulable?: boolean
  taints?: Taint[]
  podCIDR?: string
  providerID?: string
}

export interface NodeStatus {
  capacity?: ResourceList
  allocatable?: ResourceList
  conditions?: Condition[]
  addresses?: { type: string; address: string }[]
  nodeInfo?: {
    kubeletVersion: string
    containerRuntimeVersion: string
    osImage: string
    architecture: string
  }
}

export interface Node extends KubeObject {
  kind: 'Node'
  spec: NodeSpec
  status?: NodeStatus
}

export interface ServicePort {
  name?: string
  protocol?: 'TCP' | 'UDP' | 'SCTP'
  port: number
  targetPort?: number | string
  nodePort?: number
}

export interface ServiceSpec {
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'
  selector?: Record<string, string>
  ports?: ServicePort[]
  clusterIP?: string
}

export interface Service extends KubeObject {
  kind: 'Service'
  spec: ServiceSpec
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } }
}

export interface Namespace extends KubeObject {
  kind: 'Namespace'
  status?: { phase?: 'Active' | 'Terminating' }
}

export interface KubeEvent extends KubeObject {
  kind: 'Event'
  involvedObject: ObjectRef & { apiVersion?: string; uid?: string }
  reason: string
  message: string
  type: 'Normal' | 'Warning'
  source: { component: string; host?: string }
  count: number
  firstTimestamp: string
  lastTimestamp: string
}

export type { LabelSelector }
