import type { Node, Service } from './api/core'
import { LABEL_SERVICE_NAME, type EndpointSlice, type Endpoints } from './api/discovery'
import { ANNOTATION_DEFAULT_CLASS, type StorageClass } from './api/storage'
import type { ObjectStore } from './store/store'

/** The API server's port on the control-plane node. */
const API_SERVER_PORT = 6443

/**
 * What a fresh kind cluster holds beside its nodes: the `kubernetes` Service in
 * `default` (the API server at the first address of the service range, with the
 * Endpoints and EndpointSlice the API server keeps for it) and the `standard`
 * StorageClass of the local-path provisioner, the default one.
 */
export function createClusterObjects(store: ObjectStore): void {
  const controlPlane = store
    .list<Node>('Node')
    .find((n) => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}))
  const apiServerIP = controlPlane?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address
  store.create<Service>({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: API_SERVER_PORT }],
    },
  })
  if (apiServerIP) {
    const port = { name: 'https', port: API_SERVER_PORT, protocol: 'TCP' as const }
    store.create<Endpoints>({
      apiVersion: 'v1',
      kind: 'Endpoints',
      // The API server's own: the mirroring controller must not copy it into another slice.
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [{ addresses: [{ ip: apiServerIP }], ports: [port] }],
    })
    store.create<EndpointSlice>({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { [LABEL_SERVICE_NAME]: 'kubernetes' },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: [apiServerIP], conditions: { ready: true } }],
      ports: [port],
    })
  }
  store.create<StorageClass>({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { [ANNOTATION_DEFAULT_CLASS]: 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  })
}
