package io.tiergate.server.query;

import io.tiergate.adapter.s3.S3ClientFactory;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.server.catalog.GatewayCatalog;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tiers a statement read, named from the stores it sent requests to: DynamoDB and Redis
 * hold the hot tier, Redshift the warm one, Athena and S3 the cold one. Stores that hold no
 * tier's data (the control table, the cache's stream polls) name none. As a label: the tiers
 * joined with '+', youngest first ({@code hot+warm}), or {@code none}, so the label's values
 * stay few and the same set always reads the same.
 */
final class TiersRead {
  static final String NONE = "none";

  private static final Map<String, Tier> TIER_OF_STORE = Map.of(
      GatewayCatalog.DYNAMODB, Tier.HOT,
      GatewayCatalog.REDIS, Tier.HOT,
      GatewayCatalog.REDSHIFT, Tier.WARM,
      GatewayCatalog.ATHENA, Tier.COLD,
      S3ClientFactory.COUNTER_TAG, Tier.COLD);

  private TiersRead() {
  }

  static Set<Tier> of(Collection<String> stores) {
    EnumSet<Tier> tiers = EnumSet.noneOf(Tier.class);
    for (String store : stores) {
      Tier tier = TIER_OF_STORE.get(store);
      if (tier != null) {
        tiers.add(tier);
      }
    }
    return tiers;
  }

  static String label(Collection<String> stores) {
    Set<Tier> tiers = of(stores);
    // EnumSet iterates in declaration order: hot, warm, cold.
    return tiers.isEmpty() ? NONE
        : tiers.stream().map(Tier::lowerName).collect(Collectors.joining("+"));
  }
}
