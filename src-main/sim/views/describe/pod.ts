import { podFieldPath } from '../../api/field-path'
import type { Pod } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { controllerRef } from '../../api/pod-util'
import { qosClass } from '../../kubelet/pod-status'
import { rfc1123z } from '../format'
import { since } from '../print/printer'
import { describeContainers, describeResources, type EnvResolver } from './containers'
import type { DescribeContext } from './context'
import { describeEvents, searchEvents } from './events'
import {
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './multiline'
import { type PrefixWriter, tabbed } from './prefix-writer'
import { describeVolumes, type VolumeShape } from './volumes'

interface PodExtras {
  spec: {
    priority?: number
    priorityClassName?: string
    runtimeClassName?: string
    readinessGates?: { conditionType: string }[]
    resources?: { limits?: Record<string, string>; requests?: Record<string, string> }
    topologySpreadConstraints?: unknown[]
  }
  status?: { podIPs?: { ip: string }[]; nominatedNodeName?: string }
}

type PodShape = Pod & PodExtras

/** `printController`: `ReplicaSet/web-7d4b9c`. */
export function controlledBy(obj: KubeObject): string {
  const ref = controllerRef(obj)
  return ref ? `${ref.kind}/${ref.name}` : ''
}

/** Env values from `fieldRef`, resolved as the kubelet resolves them. */
function podFieldResolver(pod: PodShape): EnvResolver {
  return (path) => podFieldPath(pod, path)
}

function describePodHeader(pod: PodShape, w: PrefixWriter, ctx: DescribeContext): void {
  const spec = pod.spec
  const status = pod.status ?? {}
  w.write(0, `Name:\t${pod.metadata.name}\n`)
  w.write(0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`)
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`)
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`)
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`)
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`)
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n')
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`)
  printLabelsMultiline(w, 'Labels', pod.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations)
  const terminal = status.phase === 'Failed' || status.phase === 'Succeeded'
  if (pod.metadata.deletionTimestamp && !terminal) {
    w.write(0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, ctx)})\n`)
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`)
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`)
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`)
  if (status.message) w.write(0, `Message:\t${status.message}\n`)
  w.write(0, `IP:\t${status.podIP ?? ''}\n`)
  const ips = status.podIPs ?? []
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n')
  else {
    w.write(0, 'IPs:\n')
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`)
  }
  const owner = controlledBy(pod)
  if (owner) w.write(0, `Controlled By:\t${owner}\n`)
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`)
}

/** `describePod`, field by field in kubectl's order. */
export function describePod(obj: KubeObject, ctx: DescribeContext): string {
  const pod = obj as PodShape
  const spec = pod.spec
  const status = pod.status ?? {}
  const events = searchEvents(ctx, pod, { anyKind: true })
  return tabbed((w) => {
    describePodHeader(pod, w, ctx)
    if (spec.resources) {
      w.write(0, 'Resources:\n')
      describeResources(spec.resources, w, 1)
    }
    const resolve = podFieldResolver(pod)
    const init = spec.initContainers ?? []
    if (init.length > 0)
      describeContainers(
        'Init Containers',
        init,
        status.initContainerStatuses ?? [],
        resolve,
        w,
        '',
      )
    describeContainers(
      'Containers',
      spec.containers,
      status.containerStatuses ?? [],
      resolve,
      w,
      '',
    )
    if ((spec.readinessGates ?? []).length > 0) {
      w.write(0, 'Readiness Gates:\n  Type\tStatus\n')
      for (const g of spec.readinessGates!) {
        const c = status.conditions?.find((c) => c.type === g.conditionType)
        w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`)
      }
    }
    if ((status.conditions ?? []).length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\n')
      for (const c of status.conditions!) w.write(1, `${c.type} \t${c.status} \n`)
    }
    describeVolumes(spec.volumes as VolumeShape[] | undefined, w, '')
    w.write(0, `QoS Class:\t${status.qosClass ?? qosClass(pod)}\n`)
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector)
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations)
    describeEvents(events, w, ctx)
  })
}
