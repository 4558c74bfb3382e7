package io.tiergate.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.StorageClass;

class S3StandInTest {

  @Test
  void anObjectPutAsGlacierKeepsItsStorageClass() {
    try (S3StandIn s3 = S3StandIn.start(TestDirs.of("s3")); S3Client client = s3.client()) {
      client.createBucket(b -> b.bucket("cold-tier"));
      client.putObject(b -> b.bucket("cold-tier").key("dt=2024-01-01/part-0.parquet").storageClass(StorageClass.GLACIER),
          RequestBody.fromString("archived rows"));

      HeadObjectResponse head = client.headObject(b -> b.bucket("cold-tier").key("dt=2024-01-01/part-0.parquet"));

      assertThat(head.storageClass()).isEqualTo(StorageClass.GLACIER);
      assertThat(head.contentLength()).isEqualTo("archived rows".length());
    }
  }
}
