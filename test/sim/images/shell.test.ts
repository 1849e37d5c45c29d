import { describe, expect, it } from 'vitest'
import { runShell, type Timeline } from '../../../src-main/sim/images/shell'

const env = new Map([
  ['NAME', 'web'],
  ['HOSTNAME', 'web-0'],
])

describe('the shell of busybox-like images', () => {
  it.each<[string, Timeline]>([
    [
      'echo hello; sleep 5; exit 1',
      { lines: [{ atMs: 0, text: 'hello' }], exit: { atMs: 5000, code: 1 } },
    ],
    ['exit 3', { lines: [], exit: { atMs: 0, code: 3 } }],
    [
      'sleep 2 && echo done',
      { lines: [{ atMs: 2000, text: 'done' }], exit: { atMs: 2000, code: 0 } },
    ],
    [
      'false && echo no || echo yes',
      { lines: [{ atMs: 0, text: 'yes' }], exit: { atMs: 0, code: 0 } },
    ],
    [
      'for i in 1 2 3; do echo "item $i"; sleep 1; done',
      {
        lines: [
          { atMs: 0, text: 'item 1' },
          { atMs: 1000, text: 'item 2' },
          { atMs: 2000, text: 'item 3' },
        ],
        exit: { atMs: 3000, code: 0 },
      },
    ],
    [
      'echo \'single $NAME\' "double $NAME" $HOSTNAME',
      { lines: [{ atMs: 0, text: 'single $NAME double web web-0' }], exit: { atMs: 0, code: 0 } },
    ],
    [
      'echo hidden > /tmp/x; echo shown',
      {
        lines: [{ atMs: 0, text: 'shown' }],
        exit: { atMs: 0, code: 0 },
        files: [{ atMs: 0, path: '/tmp/x', exists: true }],
      },
    ],
    [
      'frobnicate --now',
      { lines: [{ atMs: 0, text: 'sh: frobnicate: not found' }], exit: { atMs: 0, code: 127 } },
    ],
    [
      'if [ -f /x ]; then echo yes; else echo no; fi',
      { lines: [{ atMs: 0, text: 'yes' }], exit: { atMs: 0, code: 0 } },
    ],
    ['echo start; sleep infinity', { lines: [{ atMs: 0, text: 'start' }] }],
    ['tail -f /dev/null', { lines: [] }],
    [
      'while true; do echo',
      {
        lines: [{ atMs: 0, text: 'sh: syntax error: expected "done"' }],
        exit: { atMs: 0, code: 2 },
      },
    ],
  ])('%s', (script, timeline) => {
    expect(runShell(script, env)).toEqual(timeline)
  })

  it('turns an endless loop with a sleep into a periodic timeline', () => {
    expect(runShell('echo starting; while true; do echo tick; sleep 10; done', env)).toEqual({
      lines: [{ atMs: 0, text: 'starting' }],
      loop: { fromMs: 0, periodMs: 10_000, lines: [{ offsetMs: 0, text: 'tick' }] },
    })
  })

  it('runs a loop that ends by itself to its end', () => {
    expect(runShell('n=0; while [ $n -lt 3 ]; do n=1; exit 4; done', env).exit).toEqual({
      atMs: 0,
      code: 4,
    })
  })
})

describe('files a script creates and removes', () => {
  it('follows the liveness exec example of the Kubernetes docs', async () => {
    const { fileExists } = await import('../../../src-main/sim/images/shell')
    const t = runShell('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600', env)
    expect(t.exit).toEqual({ atMs: 630_000, code: 0 })
    expect(fileExists(t.files, '/tmp/healthy', 10_000)).toBe(true)
    expect(fileExists(t.files, '/tmp/healthy', 31_000)).toBe(false)
    const written = runShell('echo ok > /tmp/ready; sleep infinity', env)
    expect(fileExists(written.files, '/tmp/ready', 0)).toBe(true)
  })
})
