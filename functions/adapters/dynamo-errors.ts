// Recognising DynamoDB's failures of a condition or a transaction, by the names the SDK gives them.

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

export function isConditionFailed(error: unknown): boolean {
  return errorName(error) === 'ConditionalCheckFailedException';
}

export function isTransactionCanceled(error: unknown): boolean {
  return errorName(error) === 'TransactionCanceledException';
}

/** An item larger than DynamoDB's 400 KB limit. */
export function isItemTooLarge(error: unknown): boolean {
  return errorName(error) === 'ValidationException' && /size/i.test((error as Error).message);
}

export function cancellationCodes(error: unknown): string[] {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}
