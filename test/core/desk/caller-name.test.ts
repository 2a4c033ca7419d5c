import { describe, expect, it } from 'vitest';
import { callerName } from '../../../core/desk/caller-name.ts';

describe('callerName', () => {
  it("shortens an IAM user's or an assumed role's ARN to the user or the session", () => {
    expect(callerName('arn:aws:iam::123456789012:user/desk-chief')).toBe('desk-chief');
    expect(callerName('arn:aws:iam::123456789012:user/newsroom/night/desk-chief')).toBe('desk-chief');
    expect(callerName('arn:aws:sts::123456789012:assumed-role/Forecaster/jane.doe')).toBe('jane.doe');
    expect(callerName('arn:aws-us-gov:iam::123456789012:root')).toBe('root');
    expect(callerName('arn:local:iam::000000000000:user/local')).toBe('local'); // the local API's caller
  });

  it('keeps any other text as it is: a feed, a name, an ARN of another kind or a malformed one', () => {
    expect(callerName('AP')).toBe('AP');
    expect(callerName('Night desk')).toBe('Night desk');
    expect(callerName('arn:aws:s3:::bucket/key')).toBe('arn:aws:s3:::bucket/key');
    expect(callerName('arn:aws:iam::123456789012:user/')).toBe('arn:aws:iam::123456789012:user/');
    expect(callerName('arn:aws:iam::12345:user/x')).toBe('arn:aws:iam::12345:user/x');
  });
});
