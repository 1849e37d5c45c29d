import type { PrefixWriter } from './prefix-writer'

/** The volume sources Drydock's pods use, read loosely. */
export interface VolumeShape {
  name: string
  hostPath?: { path: string; type?: string }
  emptyDir?: { medium?: string; sizeLimit?: string }
  secret?: { secretName?: string; optional?: boolean }
  configMap?: { name?: string; optional?: boolean }
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean }
  projected?: {
    sources?: {
      secret?: { name?: string; optional?: boolean }
      configMap?: { name?: string; optional?: boolean }
      downwardAPI?: unknown
      serviceAccountToken?: { expirationSeconds?: number }
    }[]
  }
  downwardAPI?: {
    items?: {
      path: string
      fieldRef?: { fieldPath: string }
      resourceFieldRef?: { resource: string }
    }[]
  }
}

/** `describeVolumes`: one entry a volume, its source described as the API documents it. */
export function describeVolumes(
  volumes: readonly VolumeShape[] | undefined,
  w: PrefixWriter,
  space: string,
): void {
  if (!volumes || volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`)
    return
  }
  w.write(0, `${space}Volumes:\n`)
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`)
    describeSource(v, w)
  }
}

function describeSource(v: VolumeShape, w: PrefixWriter): void {
  if (v.hostPath) {
    // The API server defaults an absent type to "" (HostPathUnset).
    w.write(
      2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? ''}\n`,
    )
  } else if (v.emptyDir) {
    w.write(
      2,
      `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`,
    )
  } else if (v.secret) {
    w.write(
      2,
      `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`,
    )
  } else if (v.configMap) {
    w.write(
      2,
      `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`,
    )
  } else if (v.persistentVolumeClaim) {
    w.write(
      2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
    )
  } else if (v.projected) {
    w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n')
    for (const s of v.projected.sources ?? []) {
      if (s.secret)
        w.write(
          2,
          `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${s.secret.optional === true}\n`,
        )
      else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n')
      else if (s.configMap)
        w.write(
          2,
          `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${s.configMap.optional === true}\n`,
        )
      else if (s.serviceAccountToken)
        w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`)
    }
  } else if (v.downwardAPI) {
    w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n')
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`)
      if (item.resourceFieldRef) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`)
    }
  } else {
    w.write(1, '<unknown>\n')
  }
}
