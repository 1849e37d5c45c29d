/**
 * The kinds the simulated API server serves, as discovery would list them. A kind
 * missing here is refused the way the API server refuses it:
 * `no matches for kind "X" in version "Y"`.
 */
export interface KindInfo {
  readonly kind: string
  readonly group: string
  /** Versions served, the preferred one first. */
  readonly versions: readonly string[]
  readonly plural: string
  readonly namespaced: boolean
  readonly shortNames?: readonly string[]
}

const table: readonly KindInfo[] = [
  {
    kind: 'Namespace',
    group: '',
    versions: ['v1'],
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
  },
  {
    kind: 'Node',
    group: '',
    versions: ['v1'],
    plural: 'nodes',
    namespaced: false,
    shortNames: ['no'],
  },
  {
    kind: 'Pod',
    group: '',
    versions: ['v1'],
    plural: 'pods',
    namespaced: true,
    shortNames: ['po'],
  },
  {
    kind: 'Service',
    group: '',
    versions: ['v1'],
    plural: 'services',
    namespaced: true,
    shortNames: ['svc'],
  },
  {
    kind: 'ConfigMap',
    group: '',
    versions: ['v1'],
    plural: 'configmaps',
    namespaced: true,
    shortNames: ['cm'],
  },
  { kind: 'Secret', group: '', versions: ['v1'], plural: 'secrets', namespaced: true },
  {
    kind: 'ServiceAccount',
    group: '',
    versions: ['v1'],
    plural: 'serviceaccounts',
    namespaced: true,
    shortNames: ['sa'],
  },
  {
    kind: 'Event',
    group: '',
    versions: ['v1'],
    plural: 'events',
    namespaced: true,
    shortNames: ['ev'],
  },
  {
    kind: 'Deployment',
    group: 'apps',
    versions: ['v1'],
    plural: 'deployments',
    namespaced: true,
    shortNames: ['deploy'],
  },
  {
    kind: 'ReplicaSet',
    group: 'apps',
    versions: ['v1'],
    plural: 'replicasets',
    namespaced: true,
    shortNames: ['rs'],
  },
  {
    kind: 'Job',
    group: 'batch',
    versions: ['v1'],
    plural: 'jobs',
    namespaced: true,
  },
  {
    kind: 'CronJob',
    group: 'batch',
    versions: ['v1'],
    plural: 'cronjobs',
    namespaced: true,
    shortNames: ['cj'],
  },
  {
    kind: 'StatefulSet',
    group: 'apps',
    versions: ['v1'],
    plural: 'statefulsets',
    namespaced: true,
    shortNames: ['sts'],
  },
  {
    kind: 'DaemonSet',
    group: 'apps',
    versions: ['v1'],
    plural: 'daemonsets',
    namespaced: true,
    shortNames: ['ds'],
  },
  {
    kind: 'ControllerRevision',
    group: 'apps',
    versions: ['v1'],
    plural: 'controllerrevisions',
    namespaced: true,
  },
  {
    kind: 'PersistentVolumeClaim',
    group: '',
    versions: ['v1'],
    plural: 'persistentvolumeclaims',
    namespaced: true,
    shortNames: ['pvc'],
  },
  {
    kind: 'HorizontalPodAutoscaler',
    group: 'autoscaling',
    versions: ['v2', 'v1'],
    plural: 'horizontalpodautoscalers',
    namespaced: true,
    shortNames: ['hpa'],
  },
  {
    kind: 'Endpoints',
    group: '',
    versions: ['v1'],
    plural: 'endpoints',
    namespaced: true,
    shortNames: ['ep'],
  },
  {
    kind: 'EndpointSlice',
    group: 'discovery.k8s.io',
    versions: ['v1'],
    plural: 'endpointslices',
    namespaced: true,
  },
  {
    kind: 'PersistentVolume',
    group: '',
    versions: ['v1'],
    plural: 'persistentvolumes',
    namespaced: false,
    shortNames: ['pv'],
  },
  {
    kind: 'StorageClass',
    group: 'storage.k8s.io',
    versions: ['v1'],
    plural: 'storageclasses',
    namespaced: false,
    shortNames: ['sc'],
  },
  {
    kind: 'Ingress',
    group: 'networking.k8s.io',
    versions: ['v1'],
    plural: 'ingresses',
    namespaced: true,
    shortNames: ['ing'],
  },
  {
    kind: 'IngressClass',
    group: 'networking.k8s.io',
    versions: ['v1'],
    plural: 'ingressclasses',
    namespaced: false,
  },
  {
    kind: 'PodDisruptionBudget',
    group: 'policy',
    versions: ['v1'],
    plural: 'poddisruptionbudgets',
    namespaced: true,
    shortNames: ['pdb'],
  },
  {
    kind: 'CustomResourceDefinition',
    group: 'apiextensions.k8s.io',
    versions: ['v1'],
    plural: 'customresourcedefinitions',
    namespaced: false,
    shortNames: ['crd', 'crds'],
  },
  // Drydock's own kinds: what a repository declares about the simulation itself.
  {
    kind: 'Image',
    group: 'drydock.dev',
    versions: ['v1alpha1'],
    plural: 'images',
    namespaced: false,
  },
  // The machines below the nodes (`api/infra.ts`).
  {
    kind: 'Host',
    group: 'drydock.dev',
    versions: ['v1alpha1'],
    plural: 'hosts',
    namespaced: false,
  },
  {
    kind: 'Hypervisor',
    group: 'drydock.dev',
    versions: ['v1alpha1'],
    plural: 'hypervisors',
    namespaced: false,
    shortNames: ['hv'],
  },
  {
    kind: 'VirtualMachine',
    group: 'drydock.dev',
    versions: ['v1alpha1'],
    plural: 'virtualmachines',
    namespaced: false,
    shortNames: ['vm', 'vms'],
  },
]

const byKind = new Map(table.map((info) => [info.kind, info]))

export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind)
}

export function knownKinds(): readonly KindInfo[] {
  return table
}

/** Splits `apps/v1` into its group and version; `v1` is the core group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/')
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) }
}

export function apiVersionOf(info: KindInfo): string {
  const version = info.versions[0]!
  return info.group === '' ? version : `${info.group}/${version}`
}

/** Resolves `apiVersion` + `kind` as the REST mapper does, or says why it cannot. */
export function resolveKind(apiVersion: string, kind: string): KindInfo | { error: string } {
  const info = byKind.get(kind)
  const { group, version } = splitApiVersion(apiVersion)
  if (!info || info.group !== group || !info.versions.includes(version)) {
    return { error: `no matches for kind "${kind}" in version "${apiVersion}"` }
  }
  return info
}
