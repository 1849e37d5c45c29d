/**
 * How fast a component's client may write to the API server: client-go's token
 * bucket of `qps` calls a second with `burst` saved up. Controllers read from
 * their informers' caches, so only writes wait for a token. This is why a real
 * 1,000-replica rollout takes minutes, not seconds: its pods are created and
 * deleted at 20 a second.
 */
export interface ClientLimits {
  qps: number
  burst: number
}

/** The binaries whose clients are rate limited, by their own flags. */
export type ClientComponent = 'kube-controller-manager' | 'kube-scheduler'

/**
 * `--kube-api-qps` 20 and `--kube-api-burst` 30 for kube-controller-manager,
 * whose controllers each get their own client (`ClientBuilder.ClientOrDie`);
 * `clientConnection.qps` 50 and `burst` 100 for kube-scheduler.
 */
export const defaultClientLimits: Readonly<Record<ClientComponent, ClientLimits>> = {
  'kube-controller-manager': { qps: 20, burst: 30 },
  'kube-scheduler': { qps: 50, burst: 100 },
}
