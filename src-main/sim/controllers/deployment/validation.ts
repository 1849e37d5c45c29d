import type { DeploymentStrategy } from '../../api/apps'
import type { FieldError } from '../../store/validate'
import {
  intOrPercentValue,
  intOrStringValue,
  notMoreThan100Percent,
  positiveIntOrPercent,
} from '../../store/workload-checks'

/**
 * `ValidateDeploymentStrategy` (`pkg/apis/apps/validation`), run on the
 * defaulted strategy: a rolling update always has both figures by then.
 */
export function validateDeploymentStrategy(
  strategy: DeploymentStrategy | undefined,
  field = 'spec.strategy',
): FieldError[] {
  const type = strategy?.type ?? ''
  if (type === 'Recreate') {
    return strategy?.rollingUpdate
      ? [
          {
            field: `${field}.rollingUpdate`,
            type: 'Forbidden',
            detail: "may not be specified when strategy `type` is 'Recreate'",
          },
        ]
      : []
  }
  if (type !== 'RollingUpdate') {
    // Go prints the internal struct with `%#v`; a set pointer prints as an address, unknowable here.
    const rollingUpdate = strategy?.rollingUpdate ? '0xc000…' : 'nil'
    return [
      {
        field,
        type: 'Unsupported value',
        value: {
          goSyntax: `apps.DeploymentStrategy{Type:${JSON.stringify(type)}, RollingUpdate:(*apps.RollingUpdateDeployment)(${rollingUpdate})}`,
        },
        detail: 'supported values: "Recreate", "RollingUpdate"',
      },
    ]
  }
  const rolling = strategy?.rollingUpdate
  if (!rolling)
    return [
      {
        field: `${field}.rollingUpdate`,
        type: 'Required value',
        detail: 'this should be defaulted and never be nil',
      },
    ]
  return validateRollingUpdateDeployment(rolling, `${field}.rollingUpdate`)
}

/** `ValidateRollingUpdateDeployment`: unlike a DaemonSet's, a Deployment may surge past 100 %. */
function validateRollingUpdateDeployment(
  rolling: NonNullable<DeploymentStrategy['rollingUpdate']>,
  field: string,
): FieldError[] {
  const { maxSurge, maxUnavailable } = rolling
  const errors = [
    ...positiveIntOrPercent(maxUnavailable, `${field}.maxUnavailable`),
    ...positiveIntOrPercent(maxSurge, `${field}.maxSurge`),
  ]
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0)
    errors.push({
      field: `${field}.maxUnavailable`,
      type: 'Invalid value',
      value: intOrStringValue(maxUnavailable ?? 0),
      detail: 'may not be 0 when `maxSurge` is 0',
    })
  errors.push(...notMoreThan100Percent(maxUnavailable, `${field}.maxUnavailable`))
  return errors
}
