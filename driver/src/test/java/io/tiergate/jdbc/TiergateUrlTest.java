package io.tiergate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class TiergateUrlTest {
  @Test void defaultsToProtobufOverHttp() {
    TiergateUrl url = TiergateUrl.parse("jdbc:tiergate://127.0.0.1:8765");
    assertThat(url.toAvaticaConnectString())
        .isEqualTo("url=http://127.0.0.1:8765;serialization=protobuf");
  }

  @Test void optionsAndCredentials() {
    TiergateUrl url = TiergateUrl.parse(
        "jdbc:tiergate://gw.example.com:443/?ssl=true&serialization=JSON&user=ann&password=p%26w");
    assertThat(url.toAvaticaConnectString())
        .isEqualTo("url=https://gw.example.com:443;serialization=json");
    Properties info = url.merge(new Properties());
    assertThat(info.getProperty("user")).isEqualTo("ann");
    assertThat(info.getProperty("password")).isEqualTo("p&w");
    // sent as HTTP Basic with every request, which the gateway checks
    assertThat(info.getProperty("authentication")).isEqualTo("BASIC");
    assertThat(info.getProperty("avatica_user")).isEqualTo("ann");
    assertThat(info.getProperty("avatica_password")).isEqualTo("p&w");
  }

  @Test void noUserNoHttpCredentials() {
    Properties info = TiergateUrl.parse("jdbc:tiergate://h:1").merge(new Properties());
    assertThat(info.stringPropertyNames()).doesNotContain("authentication", "avatica_user",
        "avatica_password");
  }

  @Test void callerPropertiesWinOverUrl() {
    Properties given = new Properties();
    given.setProperty("user", "bob");
    assertThat(TiergateUrl.parse("jdbc:tiergate://h:1?user=ann").merge(given)
        .getProperty("user")).isEqualTo("bob");
  }

  @Test void blankCallerCredentialsKeepTheUrls() {
    // sqlline -u 'jdbc:tiergate://h:1?user=ann&password=pw' passes user "" and password ""
    Properties given = new Properties();
    given.setProperty("user", "");
    given.setProperty("password", "");
    Properties info = TiergateUrl.parse("jdbc:tiergate://h:1?user=ann&password=pw").merge(given);
    assertThat(info.getProperty("avatica_user")).isEqualTo("ann");
    assertThat(info.getProperty("avatica_password")).isEqualTo("pw");
  }

  @Test void badUrlsNameTheProblem() {
    assertThatThrownBy(() -> TiergateUrl.parse("jdbc:tiergate://h:port"))
        .hasMessageContaining("Bad port 'port'");
    assertThatThrownBy(() -> TiergateUrl.parse("jdbc:tiergate://h:1?serialization=xml"))
        .hasMessageContaining("protobuf or json");
    assertThatThrownBy(() -> TiergateUrl.parse("jdbc:postgresql://h/db"))
        .hasMessageContaining("Not a Tiergate URL");
    assertThatThrownBy(() -> TiergateUrl.parse("jdbc:tiergate://h:1?user=a&password=secret"
        + "&sll=true"))
        .hasMessageStartingWith("Unknown connection property 'sll' in the URL; Tiergate's are"
            + " ssl, serialization, user, password, archived")
        .hasMessageContaining("truststore")
        .hasMessageNotContaining("secret");
    assertThat(TiergateUrl.parse("jdbc:tiergate://h:1?ssl=true&truststore=/t.p12"
        + "&truststore_password=p&http_response_timeout=5000").ssl()).isTrue();
  }

  @Test void driverRefusesOtherUrlsAndNamesUnreachableServer() throws Exception {
    Driver driver = new Driver();
    assertThat(driver.acceptsURL("jdbc:tiergate://localhost:1")).isTrue();
    assertThat(driver.acceptsURL("jdbc:postgresql://localhost/db")).isFalse();
    assertThat(driver.connect("jdbc:postgresql://localhost/db", new Properties())).isNull();
    assertThatThrownBy(() -> driver.connect("jdbc:tiergate://127.0.0.1:1", new Properties()))
        .isInstanceOf(java.sql.SQLException.class)
        .hasMessageContaining("127.0.0.1:1");
  }
}
