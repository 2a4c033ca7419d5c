/** An IAM or STS ARN: partition, service, account, then the resource (`user/…`, `assumed-role/…`, `root`). */
const CALLER_ARN = /^arn:[a-z-]+:(?:iam|sts)::\d{12}:(.+)$/;

/**
 * Who made a call or an override, as a page shows it: the last part of an IAM ARN's resource
 * (`…:user/desk-chief` gives "desk-chief", `…:assumed-role/Forecaster/jane` the session "jane"), or the
 * text as it is ("AP", "Night desk"). The published `by` stays whole, for provenance.
 * @example callerName('arn:aws:iam::123456789012:user/desk-chief') // 'desk-chief'
 */
export function callerName(by: string): string {
  const resource = CALLER_ARN.exec(by)?.[1];
  if (resource === undefined) return by;
  const name = resource.slice(resource.lastIndexOf('/') + 1);
  return name === '' ? by : name;
}
