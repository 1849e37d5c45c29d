import type { Pod } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import type { PrintContext } from '../print/printer'

/** What a describer reads besides the object: the rest of the cluster, and the time. */
export interface ClusterReader {
  get<T extends KubeObject = KubeObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): T | undefined
  list<T extends KubeObject = KubeObject>(kind: string, options?: { namespace?: string }): T[]
  dependents<T extends KubeObject = KubeObject>(ownerUid: string, kind?: string): T[]
  /** The pods bound to `nodeName`. */
  podsOnNode(nodeName: string): Pod[]
}

export interface DescribeContext extends PrintContext {
  readonly store: ClusterReader
}

export type Describer = (obj: KubeObject, ctx: DescribeContext) => string
