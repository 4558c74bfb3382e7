package io.tiergate.adapter;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts each request an AWS SDK client sends (retries included) under one store's tag. */
public record CountingInterceptor(StoreRequests requests, String tag)
    implements ExecutionInterceptor {
  @Override public void beforeTransmission(Context.BeforeTransmission context,
      ExecutionAttributes attributes) {
    requests.increment(tag);
  }
}
