import type { KubeObject } from '../../api/meta'
import type { ControllerContext } from '../../runtime/context'

/** Writes `obj` with `finalizer` taken out of its list, as the protection controllers do. */
export function removeFinalizer(ctx: ControllerContext, obj: KubeObject, finalizer: string): void {
  const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer)
  ctx.store.updateOwned({
    ...obj,
    metadata: {
      ...obj.metadata,
      finalizers: finalizers.length > 0 ? finalizers : undefined,
      resourceVersion: undefined,
    },
  })
}
