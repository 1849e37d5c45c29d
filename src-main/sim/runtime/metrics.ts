/** What metrics-server reports of a pod's containers: the HPA's (and `kubectl top`'s) only view of usage. */
export interface ContainerMetrics {
  name: string
  cpuMillis: number
  memoryBytes: number
}

export interface MetricsSource {
  /** Usage of a pod's running containers, or undefined when it has none yet. */
  podMetrics(namespace: string, pod: string): ContainerMetrics[] | undefined
}
