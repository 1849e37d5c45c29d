import type { Simulation } from '../sim/simulation'

/**
 * Moves virtual time along with the wall clock at a chosen speed (0 pauses). This
 * is the only place wall time meets the simulation: `sim` never reads a clock.
 */
export class Pacer {
  private wallAnchorMs: number
  private virtualAnchorMs: number
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly sim: Simulation,
    private speedFactor: number,
    private readonly onTick: () => void,
    private readonly tickMs = 50,
    private readonly wallNow: () => number = () => performance.now(),
  ) {
    this.wallAnchorMs = this.wallNow()
    this.virtualAnchorMs = sim.nowMs()
  }

  get speed(): number {
    return this.speedFactor
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), this.tickMs)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  setSpeed(speed: number): void {
    this.tick()
    this.wallAnchorMs = this.wallNow()
    this.virtualAnchorMs = this.sim.nowMs()
    this.speedFactor = speed
  }

  /** Runs the simulation up to where the wall clock says it should be. */
  tick(): void {
    if (this.speedFactor > 0) {
      const target = this.virtualAnchorMs + (this.wallNow() - this.wallAnchorMs) * this.speedFactor
      if (target > this.sim.nowMs()) this.sim.runUntil(Math.floor(target))
    } else {
      this.sim.settle()
    }
    this.onTick()
  }
}
