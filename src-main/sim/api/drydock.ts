import type { KubeObject } from './meta'

/** How a declared image misbehaves, on purpose: what a course lab breaks. */
export interface ImageFailure {
  /** The process exits this long after it starts (`45s`, `2m`). */
  exitAfter?: string
  /** Its exit code then; 1 unless given. */
  exitCode?: number
  /** Lines it writes just before it exits. */
  logs?: string[]
  /** Memory it gains per minute of running (`20Mi`): it is OOM-killed at its limit. */
  memoryLeakPerMinute?: string
  /** Requests per second above which it crashes (exit 137), once traffic reaches it. */
  crashAboveRps?: number
  /** After this long its health paths answer 500 while it keeps running (`30s`). */
  unhealthyAfter?: string
}

/** What a tag changes of the image's behaviour (a v2 that crashes, a v3 that starts slowly). */
export type ImageBehaviourSpec = {
  /** Whether `sh -c` and the usual utilities exist in the image; true unless given. */
  shell?: boolean
  /** Ports the server listens on; none makes it a worker that listens nowhere. */
  ports?: number[]
  /** Paths that answer 200 once it listens; `/` unless given. */
  healthPaths?: string[]
  /** From process start to listening (`2s`); 1s unless given. */
  startup?: string
  /** CPU and memory it uses while running (`50m`, `64Mi`). */
  resources?: { cpu?: string; memory?: string }
  /** Lines written as it starts, then lines repeated every period. */
  logs?: { start?: string[]; every?: { period: string; lines: string[] } }
  /** A program that finishes: it exits 0 this long after it starts (`20s`), as a batch job does. */
  runFor?: string
  /** Environment it needs: without any of these set, it writes `message` and exits 1. */
  requiredEnv?: { anyOf: string[]; message?: string[] }
  failure?: ImageFailure
}

/**
 * `drydock.dev/v1alpha1` Image: an image a repository declares for the simulated
 * registry, with the tags that exist and how the process behaves when it runs.
 */
export interface Image extends KubeObject {
  spec: ImageBehaviourSpec & {
    /** As an image reference names it: `mon-user/devops-backend`, `ghcr.io/org/app`. */
    repository: string
    tags: string[]
    /** Compressed size (`120Mi`): pull time follows it. 50Mi unless given. */
    size?: string
    /** Per tag, what differs from the rest of the spec. */
    tagOverrides?: Record<string, ImageBehaviourSpec>
  }
}
