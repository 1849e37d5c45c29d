import type { VirtualClock } from '../kernel/clock'
import type { Prng } from '../kernel/prng'
import type { EventRecorder } from '../events/recorder'
import type { ObjectStore } from '../store/store'
import type { WorkQueue } from './work-queue'

/** What every controller is built from: the shared store, clock, randomness and event recorder. */
export interface ControllerContext {
  readonly store: ObjectStore
  readonly clock: VirtualClock
  readonly prng: Prng
  readonly recorder: EventRecorder
  /** Makes a work queue that the simulation drains. */
  newQueue(name: string): WorkQueue
  /**
   * How many writes the named controller's client may make now without waiting
   * for its rate limiter (Infinity when it has none): what a controller that
   * creates pods in bulk creates at most in one sync.
   */
  writeBudget(controllerName: string): number
}
