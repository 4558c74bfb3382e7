package io.tiergate.adapter.dynamodb;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Records every request a client executes (once per execution, retries not repeated). */
final class RecordingInterceptor implements ExecutionInterceptor {
  private final List<SdkRequest> requests = new ArrayList<>();

  @Override public synchronized void beforeExecution(Context.BeforeExecution context,
      ExecutionAttributes attributes) {
    requests.add(context.request());
  }

  synchronized List<SdkRequest> requests() {
    return List.copyOf(requests);
  }

  synchronized void clear() {
    requests.clear();
  }
}
