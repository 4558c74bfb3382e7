package io.tiergate.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class S3LayoutTest {
  @Test void parsesLocations() {
    assertThat(S3Location.parse("s3://tiergate-warm/events/"))
        .isEqualTo(new S3Location("tiergate-warm", "events"));
    assertThat(S3Location.parse("s3://tiergate-warm")).isEqualTo(
        new S3Location("tiergate-warm", ""));
    assertThat(S3Location.parse("s3://tiergate-warm/")).isEqualTo(
        new S3Location("tiergate-warm", ""));
    assertThat(S3Location.parse("s3://b-1.x/a/b/c")).isEqualTo(new S3Location("b-1.x", "a/b/c"));
    assertThat(S3Location.parse("s3://tiergate-warm/events").toString())
        .isEqualTo("s3://tiergate-warm/events/");
    assertThat(S3Location.parse("s3://tiergate-warm").toString()).isEqualTo("s3://tiergate-warm/");
    assertThat(S3Location.parse("s3://bkt/a").keyPrefix()).isEqualTo("a/");
    assertThat(S3Location.parse("s3://bkt").keyPrefix()).isEmpty();
    assertThat(S3Location.parse("s3://bkt/a").resolve("/t/").key("x.parquet"))
        .isEqualTo("a/t/x.parquet");

    assertThatThrownBy(() -> S3Location.parse("https://bucket/x"))
        .hasMessageContaining("expected s3://bucket/prefix/");
    assertThatThrownBy(() -> S3Location.parse("s3://Upper/x"))
        .hasMessageContaining("Invalid S3 location 's3://Upper/x'");
    assertThatThrownBy(() -> S3Location.parse("s3://ab/x")).hasMessageContaining("3-63");
    assertThatThrownBy(() -> S3Location.parse("s3://bkt/a//b")).hasMessageContaining("empty");
  }

  @Test void buildsAndParsesDayPartitionKeys() {
    DayPartitionLayout layout = DayPartitionLayout.of(
        S3Location.parse("s3://tiergate-cold/archive/"), "events");
    LocalDate day = LocalDate.of(2024, 1, 31);

    assertThat(layout.root().toString()).isEqualTo("s3://tiergate-cold/archive/events/");
    assertThat(layout.partKey(day, 0)).isEqualTo("archive/events/dt=2024-01-31/part-00000.parquet");
    assertThat(layout.partKey(day, 123_456)).isEqualTo(
        "archive/events/dt=2024-01-31/part-123456.parquet");
    assertThat(layout.dayPrefix(day)).isEqualTo("archive/events/dt=2024-01-31/");
    assertThat(layout.dayLocation(day).toString())
        .isEqualTo("s3://tiergate-cold/archive/events/dt=2024-01-31/");
    assertThat(layout.parse("archive/events/dt=2024-01-31/part-00007.parquet")).contains(
        new DayPartitionLayout.PartFile("archive/events/dt=2024-01-31/part-00007.parquet", day, 7));
    assertThat(layout.parse("archive/events/dt=2024-01-31/_SUCCESS")).isEmpty();
    assertThat(layout.parse("archive/events/dt=2024-02-30/part-00000.parquet")).isEmpty();
    assertThat(layout.parse("archive/other/dt=2024-01-31/part-00000.parquet")).isEmpty();
    // A table location straight from tiergate.yaml (s3: s3://tiergate-warm/events/).
    DayPartitionLayout direct = new DayPartitionLayout(
        S3Location.parse("s3://tiergate-warm/events/"));
    assertThat(direct.partKey(day, 1)).isEqualTo("events/dt=2024-01-31/part-00001.parquet");
    // At the bucket root.
    assertThat(DayPartitionLayout.of(S3Location.parse("s3://bkt"), "t").partKey(day, 2))
        .isEqualTo("t/dt=2024-01-31/part-00002.parquet");

    assertThat(DayPartitionLayout.dayOf(Rows.BASE_MILLIS - 1))
        .isEqualTo(LocalDate.of(2023, 12, 31));
    assertThat(DayPartitionLayout.dayOf(Rows.BASE_MILLIS)).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThatThrownBy(() -> DayPartitionLayout.of(S3Location.parse("s3://bkt"), "a/b"))
        .hasMessageContaining("Invalid table name");
  }

  @Test void storageClasses() {
    assertThat(S3StorageClass.fromAws(null)).isEqualTo(S3StorageClass.STANDARD);
    assertThat(S3StorageClass.fromAws("DEEP_ARCHIVE")).isEqualTo(S3StorageClass.DEEP_ARCHIVE);
    assertThat(S3StorageClass.parse("glacier-flexible")).isEqualTo(S3StorageClass.GLACIER);
    assertThat(S3StorageClass.parse("GLACIER_IR")).isEqualTo(S3StorageClass.GLACIER_IR);
    assertThat(S3StorageClass.GLACIER_IR.requiresRestore()).isFalse();
    assertThat(S3StorageClass.DEEP_ARCHIVE.requiresRestore()).isTrue();
    assertThat(S3StorageClass.GLACIER.toSdk().toString()).isEqualTo("GLACIER");
    assertThatThrownBy(() -> S3StorageClass.fromAws("SNOW")).hasMessageContaining("'SNOW'");
  }
}
