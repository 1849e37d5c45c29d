const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })

/** "just now", "3 minutes ago", "yesterday". */
export function relativeTime(thenMs: number, nowMs: number): string {
  const seconds = Math.round((thenMs - nowMs) / 1000)
  const abs = Math.abs(seconds)
  if (abs < 10) return 'just now'
  if (abs < 60) return relative.format(seconds, 'second')
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour')
  if (abs < 30 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day')
  return new Date(thenMs).toLocaleDateString()
}

export type Tone = 'ok' | 'progress' | 'warn' | 'bad' | 'idle'

/** How a pod STATUS should look: settled, on its way, broken, or going away. */
export function podTone(status: string, ready: string): Tone {
  if (status === 'Running') return ready.split('/')[0] === ready.split('/')[1] ? 'ok' : 'progress'
  if (status === 'Completed') return 'idle'
  if (status === 'Terminating') return 'idle'
  if (
    /^(Err|Init:Err)|BackOff|Error|OOMKilled|Failed|Evicted|Unknown|InvalidImageName/.test(status)
  )
    return 'bad'
  return 'progress'
}

export function healthTone(health: string): Tone {
  if (health === 'Healthy') return 'ok'
  if (health === 'Degraded' || health === 'Unknown') return 'bad'
  if (health === 'Suspended') return 'idle'
  return 'progress'
}

/** Synced in green, anything a sync would change in amber, as Argo CD colours them. */
export function syncTone(status: string): Tone {
  if (status === 'Synced') return 'ok'
  if (status === 'Unknown') return 'idle'
  return 'warn'
}

export function phaseTone(phase: string): Tone {
  if (phase === 'Succeeded') return 'ok'
  if (phase === 'Running') return 'progress'
  if (phase === 'Superseded') return 'idle'
  return 'bad'
}

/** How a machine's phase or power state should look: up, on its way up, or down. */
export function machineTone(phase: string): Tone {
  if (phase === 'Running' || phase === 'On') return 'ok'
  if (phase === 'Pending' || phase === 'Provisioning' || phase === 'Booting') return 'progress'
  return 'bad'
}

/** Virtual time as a wall-clock time of day. */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
}
