import type { KubeObject } from '../api/meta'
import { ApiError } from './errors'

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface WatchEvent {
  readonly type: WatchEventType
  readonly object: KubeObject
  /** The object before a MODIFIED event. */
  readonly old?: KubeObject
  /**
   * A write of an object its keeper holds (a recorded event, see
   * `KeptObjects`): `object` and `old` are built when first read, so a
   * watcher of every kind that has no use for them returns before reading.
   */
  readonly kept?: boolean
}

/** How many recent changes a watch can start behind, like the API server's watch cache. */
export const DEFAULT_WATCH_WINDOW = 10_000

/**
 * The last changes, in order, each with the resourceVersion it produced: what a
 * watch that starts from a resourceVersion replays before it goes live. Older
 * changes fall out; asking for them is `410 Gone`, as the watch cache says it.
 */
export class WatchWindow {
  private readonly events: (WatchEvent | undefined)[]
  private readonly versions: number[]
  private start = 0
  private size = 0

  constructor(private readonly capacity = DEFAULT_WATCH_WINDOW) {
    this.events = new Array<WatchEvent | undefined>(capacity)
    this.versions = new Array<number>(capacity).fill(0)
  }

  record(resourceVersion: number, event: WatchEvent): void {
    if (this.capacity === 0) return
    const at = (this.start + this.size) % this.capacity
    this.events[at] = event
    this.versions[at] = resourceVersion
    if (this.size < this.capacity) this.size++
    else this.start = (this.start + 1) % this.capacity
  }

  /**
   * Every change after `resourceVersion`, oldest first (`getAllEventsSince`).
   * `current` is the newest resourceVersion handed out.
   */
  since(resourceVersion: number, current: number): WatchEvent[] {
    if (resourceVersion > current) {
      throw new ApiError(
        'Timeout',
        `Timeout: Too large resource version: ${resourceVersion}, current: ${current}`,
      )
    }
    const oldest = this.size > 0 ? this.versions[this.start]! : current + 1
    if (resourceVersion < oldest - 1) {
      throw new ApiError('Expired', `too old resource version: ${resourceVersion} (${oldest - 1})`)
    }
    const out: WatchEvent[] = []
    for (let i = 0; i < this.size; i++) {
      const at = (this.start + i) % this.capacity
      if (this.versions[at]! > resourceVersion) out.push(this.events[at]!)
    }
    return out
  }
}

/** Parses a resourceVersion as the storage versioner does. */
export function parseResourceVersion(text: string): number {
  if (!/^\d+$/.test(text)) {
    throw new ApiError(
      'BadRequest',
      `resourceVersion: Invalid value: ${JSON.stringify(text)}: invalid resource version: strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`,
    )
  }
  return Number(text)
}
