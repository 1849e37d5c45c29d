import type { Condition, KubeObject, LabelSelector, ObjectMeta, ObjectRef } from './meta'
import type { Affinity } from './affinity'
import type { TopologySpreadConstraint } from './topology-spread'

export type ResourceList = Record<string, string | number>

export interface ContainerPort {
  name?: string
  containerPort: number
  protocol?: 'TCP' | 'UDP' | 'SCTP'
  /** The node's port this one is published on; two pods on one node cannot share it. */
  hostPort?: number
  hostIP?: string
}

export interface KeyRef {
  name: string
  key: string
  optional?: boolean
}

export interface EnvVar {
  name: string
  value?: string
  valueFrom?: {
    configMapKeyRef?: KeyRef
    secretKeyRef?: KeyRef
    fieldRef?: { fieldPath: string; apiVersion?: string }
    resourceFieldRef?: { resource: string; containerName?: string }
  }
}

export interface EnvFromSource {
  prefix?: string
  configMapRef?: { name: string; optional?: boolean }
  secretRef?: { name: string; optional?: boolean }
}

export interface VolumeMount {
  name: string
  mountPath: string
  readOnly?: boolean
  subPath?: string
}

export interface Volume {
  name: string
  configMap?: { name: string; optional?: boolean; items?: { key: string; path: string }[] }
  secret?: { secretName: string; optional?: boolean; items?: { key: string; path: string }[] }
  emptyDir?: { medium?: string; sizeLimit?: string }
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean }
  hostPath?: { path: string; type?: string }
}

export interface LifecycleHandler {
  exec?: { command: string[] }
  httpGet?: { path?: string; port: number | string }
  sleep?: { seconds: number }
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
  envFrom?: EnvFromSource[]
  volumeMounts?: VolumeMount[]
  ports?: ContainerPort[]
  /** `Always` on an init container makes it a sidecar. */
  restartPolicy?: 'Always'
  lifecycle?: { preStop?: LifecycleHandler; postStart?: LifecycleHandler }
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
  affinity?: Affinity
  topologySpreadConstraints?: TopologySpreadConstraint[]
  tolerations?: Toleration[]
  hostNetwork?: boolean
  restartPolicy?: 'Always' | 'OnFailure' | 'Never'
  terminationGracePeriodSeconds?: number
  schedulerName?: string
  volumes?: Volume[]
  hostname?: string
  subdomain?: string
  serviceAccountName?: string
  activeDeadlineSeconds?: number
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
  containerID?: string
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
  qosClass?: 'Guaranteed' | 'Burstable' | 'BestEffort'
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
    /** Changes with every boot of the machine; a new one makes the kubelet report `Rebooted`. */
    bootID?: string
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
  appProtocol?: string
  port: number
  targetPort?: number | string
  nodePort?: number
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'
export type TrafficPolicy = 'Cluster' | 'Local'

export interface ServiceSpec {
  type?: ServiceType
  selector?: Record<string, string>
  ports?: ServicePort[]
  clusterIP?: string
  clusterIPs?: string[]
  ipFamilies?: ('IPv4' | 'IPv6')[]
  ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack'
  externalName?: string
  externalIPs?: string[]
  sessionAffinity?: 'None' | 'ClientIP'
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } }
  publishNotReadyAddresses?: boolean
  internalTrafficPolicy?: TrafficPolicy
  externalTrafficPolicy?: TrafficPolicy
  healthCheckNodePort?: number
  allocateLoadBalancerNodePorts?: boolean
  loadBalancerIP?: string
  loadBalancerClass?: string
  loadBalancerSourceRanges?: string[]
}

export interface LoadBalancerIngress {
  ip?: string
  hostname?: string
  ipMode?: 'VIP' | 'Proxy'
}

export interface Service extends KubeObject {
  kind: 'Service'
  spec: ServiceSpec
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } }
}

export interface ConfigMap extends KubeObject {
  kind: 'ConfigMap'
  data?: Record<string, string>
  binaryData?: Record<string, string>
  immutable?: boolean
}

export interface Secret extends KubeObject {
  kind: 'Secret'
  type?: string
  /** Base64, as the API stores it. */
  data?: Record<string, string>
  /** Plain text on the way in; the API server moves it into `data`. */
  stringData?: Record<string, string>
  immutable?: boolean
}

export interface Namespace extends KubeObject {
  kind: 'Namespace'
  /** `kubernetes` until the namespace controller has emptied a namespace being deleted. */
  spec?: { finalizers?: string[] }
  status?: { phase?: 'Active' | 'Terminating'; conditions?: Condition[] }
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
