import type { KubeObject } from '../../api/meta'

/** `helper.GetAccessModesAsString`: RWO, ROX, RWX, RWOP, in that order, each once. */
export function accessModes(modes: readonly string[] | undefined): string {
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ]
  const list = modes ?? []
  return short
    .filter(([mode]) => list.includes(mode))
    .map(([, s]) => s)
    .join(',')
}

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class'

/** `GetPersistentVolume(Claim)Class`: the beta annotation wins over the field. */
export function storageClassOf(obj: KubeObject & { spec?: unknown }): string {
  const annotation = obj.metadata.annotations?.[BETA_CLASS_ANNOTATION]
  if (annotation !== undefined) return annotation
  return (obj.spec as { storageClassName?: string } | undefined)?.storageClassName ?? ''
}

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
]

/** `IsDefaultAnnotation`: `true` in either default-class annotation. */
export function isDefaultStorageClass(obj: KubeObject): boolean {
  return DEFAULT_CLASS_ANNOTATIONS.some((a) => obj.metadata.annotations?.[a] === 'true')
}
