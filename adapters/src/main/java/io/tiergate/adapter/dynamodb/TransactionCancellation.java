package io.tiergate.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Which item of a cancelled TransactWriteItems failed its condition. */
public final class TransactionCancellation {
  private TransactionCancellation() {
  }

  /** Whether item {@code index} (in the order of the request) failed its condition. */
  public static boolean conditionFailed(TransactionCanceledException e, int index) {
    // The reasons come one per item, in the order of the request ("None" for items that passed).
    return e.hasCancellationReasons() && e.cancellationReasons().size() > index
        && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
  }
}
