import type { PreparedRevision } from '../gitops/engine'
import { parseDurationMs } from '../shared/duration'
import type { LiveTrafficView } from '../shared/live-dto'
import type { Simulation } from '../sim/simulation'
import { parseTrafficSpec } from '../sim/traffic/traffic-spec'
import { checkTrafficTargets } from './traffic-plan'

/** Seconds a client's chart shows, up to the last whole one. */
export const CHART_SECONDS = 90

/**
 * The clients a user starts from the app, written as `--traffic` writes them
 * (`web=50`): checked against what the synced revision declares, started at
 * the cluster's current time (`…@30s` waits that long), stopped on request.
 */
export class LiveTraffic {
  constructor(
    private readonly sim: Simulation,
    private readonly namespace: string,
  ) {}

  /**
   * Throws a `TrafficSpecError` for a spec that cannot be read or names nothing
   * the apps' revisions declare. A Service named without its namespace is the
   * one of that name the apps declare, when they declare one only.
   */
  add(spec: string, declared: readonly PreparedRevision[]): void {
    const parsed = parseTrafficSpec(spec, parseDurationMs)
    const namespace = parsed.namespace ?? this.namespaceOf(parsed.name, declared)
    if (declared.length > 0) checkTrafficTargets([parsed], declared, namespace, false)
    this.sim.traffic.send(parsed, namespace, this.sim.nowMs())
  }

  private namespaceOf(service: string, declared: readonly PreparedRevision[]): string {
    const namespaces = new Set(
      declared
        .flatMap((p) => p.request.objects)
        .filter(({ object }) => object.kind === 'Service' && object.metadata.name === service)
        .map(({ object }) => object.metadata.namespace ?? this.namespace),
    )
    return namespaces.size === 1 ? [...namespaces][0]! : this.namespace
  }

  stop(id: number): void {
    if (!this.sim.traffic.stop(id)) {
      const count = this.sim.traffic.views().length
      throw new Error(
        id < count
          ? `traffic client ${id} has already stopped`
          : `there is no traffic client ${id}`,
      )
    }
  }

  views(): LiveTrafficView[] {
    const traffic = this.sim.traffic
    const now = this.sim.nowMs()
    return traffic.views().map((view, id) => ({
      ...view,
      id,
      stopped: traffic.stopped(id),
      seconds: traffic.recentSeconds(id, now, CHART_SECONDS),
    }))
  }
}
