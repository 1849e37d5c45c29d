import { describe, expect, it } from 'vitest'
import { usefulError } from '../../../src-main/host/tools/run-tool'

describe("a tool's error, trimmed to what says what went wrong", () => {
  it.each([
    [
      'kubectl kustomize',
      "error: accumulating resources: accumulation err='accumulating resources from 'missing.yaml': lstat missing.yaml: no such file or directory'\n",
      "error: accumulating resources: accumulation err='accumulating resources from 'missing.yaml': lstat missing.yaml: no such file or directory'",
    ],
    [
      'an older kubectl, through klog',
      'E1206 08:13:43.309470   25236 run.go:72] "command failed" err="accumulating resources: \\"x\\" missing"\n',
      'error: accumulating resources: "x" missing',
    ],
    [
      'helm, over several lines',
      'Error: web/templates/deployment.yaml:19:59\n  executing "web/templates/deployment.yaml" at <.Values.image.tag.x>:\n    can\'t evaluate field x in type interface {}\n\nUse --debug flag to render out invalid YAML\n',
      'Error: web/templates/deployment.yaml:19:59 executing "web/templates/deployment.yaml" at <.Values.image.tag.x>: can\'t evaluate field x in type interface {}',
    ],
    ['a tool without an error line', 'panic: something\n\ngoroutine 1\n', 'goroutine 1'],
  ])('%s', (_, stderr, expected) => {
    expect(usefulError(stderr)).toBe(expected)
  })
})
