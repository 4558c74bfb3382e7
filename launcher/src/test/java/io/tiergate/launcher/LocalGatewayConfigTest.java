package io.tiergate.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.local.demo.DemoDataset;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.server.config.ConfigLoader;
import io.tiergate.server.config.TiergateConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalGatewayConfigTest {
  @Test void bundledTableDefinitionsMatchTheDemoData() {
    TiergateConfig config = new ConfigLoader(k -> k.startsWith("TIERGATE_") ? null : "1").parse(LocalGatewayConfig.template(),
        "bundled");
    List<ColumnSpec> events = config.tables().get("events").columns().entrySet().stream()
        .map(e -> ColumnSpec.parse(e.getKey(), e.getValue())).toList();
    assertThat(events).isEqualTo(DemoDataset.EVENT_COLUMNS);
    List<ColumnSpec> sessions = config.tables().get("sessions").columns().entrySet().stream()
        .map(e -> ColumnSpec.parse(e.getKey(), e.getValue())).toList();
    assertThat(sessions).isEqualTo(DemoDataset.SESSION_COLUMNS);
    assertThat(config.tables().get("events").timeColumn()).isEqualTo("event_time");
  }

  /** The banner's passwords are the ones the bundled hashes were made from. */
  @Test void bundledUsersAreAdminAndReaderWithTheBannersPasswords() {
    TiergateConfig config = new ConfigLoader(k -> k.startsWith("TIERGATE_") ? null : "1")
        .parse(LocalGatewayConfig.template(), "bundled");
    var auth = new io.tiergate.server.auth.Authenticator(config.server());
    assertThat(auth.authenticate(LocalGatewayConfig.ADMIN, "admin").roles())
        .containsExactly("admin");
    assertThat(auth.authenticate(LocalGatewayConfig.READER, "reader").roles())
        .containsExactly("reader");
    assertThat(auth.authenticate(null, null).roles()).containsExactly("reader");
    assertThat(LocalGatewayConfig.usersNotice()).contains("admin (password admin, role admin)")
        .contains("reader (password reader, role reader)");
  }
}
