import type { Pod } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { formatLabels, goValue, printBoolPtr } from '../format'
import type { PersistentVolumeShape } from '../print/persistentvolume'
import { type PersistentVolumeClaimShape, claimCapacity } from '../print/persistentvolumeclaim'
import { accessModes, isDefaultStorageClass, storageClassOf } from '../print/storage'
import type { StorageClassShape } from '../print/storageclass'
import { since } from '../print/printer'
import { canonicalQuantity } from '../quantity'
import type { DescribeContext } from './context'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline, printNamesMultiline } from './multiline'
import { type PrefixWriter, tabbed } from './prefix-writer'

interface PvDetail extends PersistentVolumeShape {
  metadata: PersistentVolumeShape['metadata']
  spec: PersistentVolumeShape['spec'] & {
    hostPath?: { path: string; type?: string }
    local?: { path: string; fsType?: string }
    nfs?: { server: string; path: string; readOnly?: boolean }
    csi?: {
      driver: string
      volumeHandle: string
      readOnly?: boolean
      fsType?: string
      volumeAttributes?: Record<string, string>
    }
    nodeAffinity?: {
      required?: {
        nodeSelectorTerms?: {
          matchExpressions?: { key: string; operator: string; values?: string[] }[]
        }[]
      }
    }
  }
}

/** `printVolumeNodeAffinity`. */
function describeNodeAffinity(pv: PvDetail, w: PrefixWriter): void {
  w.write(0, 'Node Affinity:\t')
  const required = pv.spec.nodeAffinity?.required
  if (!required) {
    w.line('<none>')
    return
  }
  w.line('')
  w.write(1, 'Required Terms:\t')
  const terms = required.nodeSelectorTerms ?? []
  if (terms.length === 0) {
    w.line('<none>')
    return
  }
  w.line('')
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`)
    const reqs = term.matchExpressions ?? []
    if (reqs.length === 0) w.line('<none>')
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(2, '\t')
      const values = (req.values ?? []).length > 0 ? ` [${req.values!.join(', ')}]` : ''
      w.write(0, `${req.key} ${req.operator.toLowerCase()}${values}\n`)
    })
  })
}

function describePvSource(pv: PvDetail, w: PrefixWriter): void {
  const s = pv.spec
  if (s.hostPath)
    w.write(
      2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${s.hostPath.path}\n    HostPathType:\t${s.hostPath.type ?? ''}\n`,
    )
  else if (s.local)
    w.write(
      2,
      `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${s.local.path}\n`,
    )
  else if (s.nfs)
    w.write(
      2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${s.nfs.server}\n    Path:\t${s.nfs.path}\n    ReadOnly:\t${s.nfs.readOnly === true}\n`,
    )
  else if (s.csi)
    w.write(
      2,
      `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${s.csi.driver}\n    FSType:\t${s.csi.fsType ?? ''}\n    VolumeHandle:\t${s.csi.volumeHandle}\n    ReadOnly:\t${s.csi.readOnly === true}\n    VolumeAttributes:\t${formatLabels(s.csi.volumeAttributes).replace('<none>', '')}\n`,
    )
  else w.write(1, '<unknown>\n')
}

/** `describePersistentVolume`. */
export function describePersistentVolume(obj: KubeObject, ctx: DescribeContext): string {
  const pv = obj as PvDetail
  const events = searchEvents(ctx, pv)
  return tabbed((w) => {
    w.write(0, `Name:\t${pv.metadata.name}\n`)
    printLabelsMultiline(w, 'Labels', pv.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations)
    w.write(0, `Finalizers:\t${goValue(pv.metadata.finalizers ?? [])}\n`)
    w.write(0, `StorageClass:\t${storageClassOf(pv)}\n`)
    w.write(
      0,
      pv.metadata.deletionTimestamp
        ? `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, ctx)})\n`
        : `Status:\t${pv.status?.phase ?? ''}\n`,
    )
    const claim = pv.spec.claimRef
    w.write(0, `Claim:\t${claim ? `${claim.namespace ?? ''}/${claim.name ?? ''}` : ''}\n`)
    w.write(0, `Reclaim Policy:\t${pv.spec.persistentVolumeReclaimPolicy ?? ''}\n`)
    w.write(0, `Access Modes:\t${accessModes(pv.spec.accessModes)}\n`)
    if (pv.spec.volumeMode) w.write(0, `VolumeMode:\t${pv.spec.volumeMode}\n`)
    const storage = pv.spec.capacity?.storage
    w.write(0, `Capacity:\t${storage !== undefined ? canonicalQuantity(storage) : '0'}\n`)
    describeNodeAffinity(pv, w)
    w.write(0, `Message:\t${pv.status?.message ?? ''}\n`)
    w.write(0, 'Source:\n')
    describePvSource(pv, w)
    describeEvents(events, w, ctx)
  })
}

/** The pods that mount a claim (`getPodsForPVC`). */
function podsUsing(ctx: DescribeContext, pvc: KubeObject): string[] {
  return ctx.store
    .list<Pod>('Pod', { namespace: pvc.metadata.namespace })
    .filter((p) =>
      (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name),
    )
    .map((p) => p.metadata.name)
}

/** `describePersistentVolumeClaim`. */
export function describePersistentVolumeClaim(obj: KubeObject, ctx: DescribeContext): string {
  const pvc = obj as PersistentVolumeClaimShape & {
    spec: { dataSource?: { apiGroup?: string; kind: string; name: string } }
    status?: {
      conditions?: {
        type: string
        status: string
        lastProbeTime?: string
        lastTransitionTime?: string
        reason?: string
        message?: string
      }[]
    }
  }
  const events = searchEvents(ctx, pvc)
  const [capacity, modes] = claimCapacity(pvc)
  return tabbed((w) => {
    w.write(0, `Name:\t${pvc.metadata.name}\n`)
    w.write(0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`)
    w.write(0, `StorageClass:\t${storageClassOf(pvc)}\n`)
    w.write(
      0,
      pvc.metadata.deletionTimestamp
        ? `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, ctx)})\n`
        : `Status:\t${pvc.status?.phase ?? ''}\n`,
    )
    w.write(0, `Volume:\t${pvc.spec.volumeName ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', pvc.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations)
    w.write(0, `Finalizers:\t${goValue(pvc.metadata.finalizers ?? [])}\n`)
    w.write(0, `Capacity:\t${capacity}\n`)
    w.write(0, `Access Modes:\t${modes}\n`)
    if (pvc.spec.volumeMode) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`)
    const source = pvc.spec.dataSource
    if (source) {
      w.write(0, 'DataSource:\n')
      if (source.apiGroup) w.write(1, `APIGroup:\t${source.apiGroup}\n`)
      w.write(1, `Kind:\t${source.kind}\n`)
      w.write(1, `Name:\t${source.name}\n`)
    }
    printNamesMultiline(w, 'Used By', podsUsing(ctx, pvc))
    describeEvents(events, w, ctx)
  })
}

/** `describeStorageClass`. */
export function describeStorageClass(obj: KubeObject, ctx: DescribeContext): string {
  const sc = obj as StorageClassShape
  const events = searchEvents(ctx, sc)
  return tabbed((w) => {
    w.write(0, `Name:\t${sc.metadata.name}\n`)
    w.write(0, `IsDefaultClass:\t${isDefaultStorageClass(sc) ? 'Yes' : 'No'}\n`)
    w.write(0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`)
    w.write(0, `Provisioner:\t${sc.provisioner ?? ''}\n`)
    w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`)
    w.write(0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`)
    if ((sc.mountOptions ?? []).length === 0) w.write(0, 'MountOptions:\t<none>\n')
    else {
      w.write(0, 'MountOptions:\n')
      for (const option of sc.mountOptions!) w.write(1, `${option}\n`)
    }
    if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`)
    if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`)
    describeEvents(events, w, ctx)
  })
}
