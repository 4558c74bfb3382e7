package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.HttpServer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.junit.jupiter.api.Test;

/** The gateway's listener binds server.host only (the rest of a gateway needs stores). */
class GatewayListenerTest {
  @Test void aLoopbackHostIsNotReachableOnTheMachinesOtherAddresses() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    InetAddress other = otherLocalAddress();
    HttpServer http = Gateway.listener(Gateway.listenAddress("127.0.0.1"), 0, null, new Ok());
    Gateway.start(http, loopback, 0);
    try {
      assertThat(reachable(loopback, http.getPort())).isTrue();
      assertThat(reachable(other, http.getPort())).as("listening on " + other).isFalse();
    } finally {
      http.stop();
    }
  }

  /** The control: the same check sees the other address when every interface listens. */
  @Test void theDefaultHostListensOnEveryInterface() throws Exception {
    InetAddress other = otherLocalAddress();
    HttpServer http = Gateway.listener(Gateway.listenAddress("0.0.0.0"), 0, null, new Ok());
    Gateway.start(http, InetAddress.getByName("0.0.0.0"), 0);
    try {
      assertThat(reachable(InetAddress.getByName("127.0.0.1"), http.getPort())).isTrue();
      assertThat(reachable(other, http.getPort())).isTrue();
    } finally {
      http.stop();
    }
  }

  @Test void anAddressOfAnotherMachineIsNamedInTheError() throws Exception {
    InetAddress elsewhere = InetAddress.getByName("203.0.113.77"); // TEST-NET-3
    assumeTrue(NetworkInterface.getByInetAddress(elsewhere) == null);
    HttpServer http = Gateway.listener(elsewhere, 0, null, new Ok());
    try {
      assertThatThrownBy(() -> Gateway.start(http, elsewhere, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("server.host: cannot listen on 203.0.113.77:0")
          .hasMessageContaining("an address of this machine");
    } finally {
      http.stop();
    }
  }

  @Test void aPortInUseIsNamedInTheError() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
      HttpServer http = Gateway.listener(loopback, taken.getLocalPort(), null, new Ok());
      try {
        assertThatThrownBy(() -> Gateway.start(http, loopback, taken.getLocalPort()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("server.port: cannot listen on 127.0.0.1:"
                + taken.getLocalPort());
      } finally {
        http.stop();
      }
    }
  }

  @Test void aHostThatDoesNotResolveIsNamedInTheError() {
    assertThatThrownBy(() -> Gateway.listenAddress("gateway.invalid"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("server.host: 'gateway.invalid' is neither an IP address nor a name that"
            + " resolves");
    assertThatThrownBy(() -> Gateway.listenAddress(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("server.host:");
  }

  /**
   * An address of this machine other than 127.0.0.1: a non-loopback interface's, else
   * 127.0.0.2 (on Linux all of 127/8 is this machine, and a socket bound to 127.0.0.1 does not
   * answer on it).
   */
  private static InetAddress otherLocalAddress() throws SocketException, IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return address;
          }
        }
      }
    }
    InetAddress fallback = InetAddress.getByName("127.0.0.2");
    assumeTrue(System.getProperty("os.name").startsWith("Linux"),
        "no second local address to test with");
    return fallback;
  }

  private static boolean reachable(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static final class Ok extends AbstractHandler implements AvaticaHandler {
    @Override public void handle(String target, Request base, HttpServletRequest request,
        HttpServletResponse response) {
      response.setStatus(200);
      base.setHandled(true);
    }

    @Override public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    }
  }
}
