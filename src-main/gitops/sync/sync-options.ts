import type { Manifest } from '../manifest/types'

export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options'

/** `argocd.argoproj.io/sync-options: Prune=false,...` as a map of option to value. */
export function syncOptions(obj: Manifest): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of (obj.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION] ?? '').split(',')) {
    const [key, value] = part.split('=', 2).map((s) => s.trim())
    if (key) out.set(key, value ?? '')
  }
  return out
}

/** `Prune=false` keeps a live object the app no longer declares (Argo CD's sync option). */
export const pruneDisabled = (obj: Manifest): boolean => syncOptions(obj).get('Prune') === 'false'
