package io.tiergate.planner.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tiergate.planner.manifest.Tier;
import org.junit.jupiter.api.Test;

/** Each store's bill for given sizes at AWS's list prices, to the exact dollar fraction. */
class CostModelTest {
  private static final long MIB = 1024 * 1024;
  private final CostModel model = new CostModel(QueryPrices.AWS_LIST);

  @Test void athenaBillsTheBytesOfThePartitionsItScansPerTb() {
    // 30 day partitions of 80 MiB: 2,400 MiB of a TB (2^20 MiB) at $5.
    BranchCost cost = model.athena(Tier.COLD, 30 * 80 * MIB, 30);
    assertThat(cost.usd()).isEqualTo(2400.0 / (1 << 20) * 5);
    assertThat(cost.store()).isEqualTo("athena");
    assertThat(cost.basis()).isEqualTo("bytes=2516582400 partitions=30");
    assertThat(BranchCost.usd(cost.usd())).isEqualTo("0.0114");
    assertThat(BranchCost.usd(0.000000125)).isEqualTo("0.000000125");
    assertThat(BranchCost.usd(0)).isEqualTo("0");
  }

  @Test void athenaBillsAtLeastTenMegabytesRoundedUpToTheMegabyte() {
    assertThat(model.athena(Tier.COLD, 1, 1).usd()).isEqualTo(10.0 / (1 << 20) * 5);
    assertThat(model.athena(Tier.COLD, 20 * MIB + 1, -1).usd())
        .isEqualTo(21.0 / (1 << 20) * 5);
  }

  @Test void dynamoDbBillsReadUnitsOfFourKilobytesHalvedWhenEventuallyConsistent() {
    // 10,240 bytes: 3 units of 4 KB strongly consistent, 1.5 eventually.
    assertThat(model.dynamodb(Tier.HOT, 10_240, true).usd()).isEqualTo(3 / 1e6 * 0.25);
    BranchCost eventual = model.dynamodb(Tier.HOT, 10_240, false);
    assertThat(eventual.usd()).isEqualTo(1.5 / 1e6 * 0.25);
    assertThat(eventual.basis()).isEqualTo("bytes=10240 rru=1.5");
    assertThat(model.dynamodb(Tier.HOT, 0, true).basis()).isEqualTo("bytes=0 rru=1");
  }

  @Test void redshiftBillsItsShareOfTheClusterForTheTimeTheScanTakes() {
    // 200 MiB at 100 MiB/s: 2 seconds of a $1.086/h cluster shared by 5 queries.
    BranchCost cost = model.redshift(Tier.WARM, 200 * MIB);
    assertThat(cost.usd()).isCloseTo(2 / 3600.0 * 1.086 / 5, within(1e-15));
    assertThat(cost.basis()).isEqualTo("bytes=209715200 seconds=2.000");
  }

  @Test void aRestoreBillsPerGigabyteAndPerThousandObjectsByClassAndRetrievalTier() {
    long twoGb = 2L * 1024 * MIB;
    assertThat(model.restore("GLACIER", "STANDARD", twoGb, 30).usd())
        .isCloseTo(2 * 0.01 + 0.030 * 0.05, within(1e-15));
    assertThat(model.restore("GLACIER", "BULK", twoGb, 30).usd()).isZero();
    assertThat(model.restore("GLACIER", "EXPEDITED", twoGb, 1000).usd())
        .isCloseTo(2 * 0.03 + 10.0, within(1e-12));
    assertThat(model.restore("DEEP_ARCHIVE", "BULK", twoGb, 1000).usd())
        .isCloseTo(2 * 0.0025 + 0.025, within(1e-15));
    assertThatThrownBy(() -> model.restore("DEEP_ARCHIVE", "EXPEDITED", twoGb, 1))
        .hasMessage("DEEP_ARCHIVE has no EXPEDITED retrieval");
  }
}
