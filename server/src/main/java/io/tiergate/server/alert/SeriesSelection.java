package io.tiergate.server.alert;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A rule's series: its metric's meters whose tags match, grouped by the metric's labels. */
final class SeriesSelection {
  private SeriesSelection() {
  }

  /** Group (label name to value, sorted) to its meters. */
  static Map<Map<String, String>, List<Meter>> of(MeterRegistry registry, AlertRule rule) {
    Map<Map<String, String>, List<Meter>> groups = new LinkedHashMap<>();
    for (Meter meter : registry.find(rule.metric().meter()).meters()) {
      Map<String, String> tags = new HashMap<>();
      for (Tag tag : meter.getId().getTags()) {
        tags.put(tag.getKey(), tag.getValue());
      }
      if (!rule.matches(tags)) {
        continue;
      }
      Map<String, String> group = new TreeMap<>();
      for (String label : rule.metric().groupBy()) {
        group.put(label, tags.getOrDefault(label, ""));
      }
      groups.computeIfAbsent(Map.copyOf(group), g -> new java.util.ArrayList<>()).add(meter);
    }
    return groups;
  }
}
