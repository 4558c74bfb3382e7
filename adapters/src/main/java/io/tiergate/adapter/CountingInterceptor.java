package io.tiergate.adapter;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts and times each request an AWS SDK client sends (retries included, each attempt on
 * its own) under one store's tag, by the API operation (Query, Scan, PutObject, ...).
 */
public record CountingInterceptor(StoreRequests requests, String tag)
    implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("tiergate.sent");
  private static final ExecutionAttribute<Boolean> TIMED =
      new ExecutionAttribute<>("tiergate.timed");

  @Override public void beforeTransmission(Context.BeforeTransmission context,
      ExecutionAttributes attributes) {
    requests.increment(tag);
    attributes.putAttribute(SENT, System.nanoTime());
    attributes.putAttribute(TIMED, false);
  }

  @Override public void afterTransmission(Context.AfterTransmission context,
      ExecutionAttributes attributes) {
    record(attributes, context.httpResponse().statusCode() >= 400
        ? StoreRequests.Outcome.REFUSED : StoreRequests.Outcome.OK);
  }

  /** An attempt that never got a response: the store could not be reached in time. */
  @Override public void onExecutionFailure(Context.FailedExecution context,
      ExecutionAttributes attributes) {
    if (context.httpResponse().isEmpty()) {
      record(attributes, StoreRequests.Outcome.UNAVAILABLE);
    }
  }

  private void record(ExecutionAttributes attributes, StoreRequests.Outcome outcome) {
    Long sent = attributes.getAttribute(SENT);
    if (sent == null || Boolean.TRUE.equals(attributes.getAttribute(TIMED))) {
      return; // failed before anything was sent, or this attempt is timed already
    }
    attributes.putAttribute(TIMED, true);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    requests.record(tag, operation == null ? "unknown" : operation, System.nanoTime() - sent,
        outcome);
  }
}
