package io.tiergate.lifecycle.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/** The production rules, exactly: AWS applies them, so only their content can be tested here. */
class S3LifecycleRulesTest {
  @Test void adr002AgesGiveTheseRules() {
    LifecycleRule rule = S3LifecycleRules.coldRule("events", "events/", LifecyclePolicy.ADR_002);
    // Created at 365 days old: Flexible at 730 (+2 grace), Deep Archive at 1825, gone at 2555.
    assertThat(rule.toString()).isEqualTo("LifecycleRule(Expiration=LifecycleExpiration("
        + "Days=2192), ID=tiergate-events-cold, Filter=LifecycleRuleFilter(Prefix=events/), "
        + "Status=Enabled, Transitions=[Transition(Days=367, StorageClass=GLACIER), "
        + "Transition(Days=1462, StorageClass=DEEP_ARCHIVE)], "
        + "AbortIncompleteMultipartUpload=AbortIncompleteMultipartUpload("
        + "DaysAfterInitiation=7))");
  }

  @Test void rulesFollowTheConfiguredAges() {
    LifecyclePolicy policy = LifecyclePolicy.parse(Map.of("hot", "7d", "warm", "90d",
        "glacier-ir", "180d", "glacier-flexible", "365d", "expire", "730d"),
        "tables.t.lifecycle");
    LifecycleRule rule = S3LifecycleRules.coldRule("t", "archive/t/", policy);
    assertThat(rule.transitions()).extracting(t -> t.days() + " " + t.storageClassAsString())
        .containsExactly("92 GLACIER", "277 DEEP_ARCHIVE");
    assertThat(rule.expiration().days()).isEqualTo(642);
    assertThat(rule.filter().prefix()).isEqualTo("archive/t/");
  }
}
