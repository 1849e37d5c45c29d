/**
 * How long each step of a pod's life takes on a simulated node, as data (kwok keeps
 * its lifecycle stages the same way). Each entry is a base delay and a jitter drawn
 * from the seeded generator, so runs differ realistically yet reproducibly.
 */
export interface Delay {
  readonly baseMs: number
  readonly jitterMs: number
}

export interface KubeletTimings {
  /** Sandbox (pause container, network) set up before any pull starts. */
  readonly sandbox: Delay
  /** Resolving a reference at the registry, before the first byte (or the error). */
  readonly registryLookup: Delay
  /** Download and unpack speed. */
  readonly pullBytesPerMs: number
  /** Creating and starting a container once its image is present. */
  readonly containerStart: Delay
  /** From a failed pull to the next pod sync that reports `ImagePullBackOff`. */
  readonly backOffReport: Delay
  /** How long the node keeps a finished pod's record before the API object is removed. */
  readonly statusSync: Delay
  /**
   * From a container's start to its first readiness probe: the PLEG relist (every
   * second) notices the start, and the status update triggers the probe at once.
   */
  readonly probeTrigger: Delay
  /** From a ConfigMap or Secret appearing to the next sync of a pod that waits for it. */
  readonly configRetry: Delay
}

export const defaultTimings: KubeletTimings = {
  sandbox: { baseMs: 600, jitterMs: 300 },
  registryLookup: { baseMs: 700, jitterMs: 300 },
  pullBytesPerMs: 60_000,
  containerStart: { baseMs: 150, jitterMs: 100 },
  backOffReport: { baseMs: 1000, jitterMs: 200 },
  statusSync: { baseMs: 100, jitterMs: 50 },
  probeTrigger: { baseMs: 600, jitterMs: 400 },
  configRetry: { baseMs: 1500, jitterMs: 1000 },
}

/** Kubernetes' back-off constants (`pkg/kubelet/kubelet.go`). */
export const BACKOFF_INITIAL_MS = 10_000
export const BACKOFF_MAX_MS = 300_000
/** A back-off is forgotten once this long has passed since it last grew. */
export const BACKOFF_RESET_MS = 600_000
