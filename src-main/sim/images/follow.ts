import type { Image } from '../api/drydock'
import type { ObjectStore } from '../store/store'
import { declaredImage } from './declared'
import type { Registry } from './registry'

/** Keeps the registry in step with the `kind: Image` objects in the store (validated on the way in). */
export function followDeclaredImages(store: ObjectStore, registry: Registry): void {
  store.watch(
    ({ type, object }) => {
      if (type === 'DELETED') return registry.forget(object.metadata.name)
      const result = declaredImage(object as Image)
      if ('entry' in result) registry.declare(object.metadata.name, result.entry)
    },
    ['Image'],
  )
}
