import type { KubeObject } from './meta'

/**
 * `apps/v1` ControllerRevision: an immutable snapshot of a StatefulSet's or
 * DaemonSet's pod template (`data`, a patch that restores it) and its place in
 * the history (`revision`).
 */
export interface ControllerRevision extends KubeObject {
  kind: 'ControllerRevision'
  data?: unknown
  revision: number
}
